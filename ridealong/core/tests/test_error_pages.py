def test_a_missing_page_is_explained_in_ridealongs_own_layout(client, cast):
    client.force_login(cast.member)
    response = client.get("/customers/999999/")
    assert response.status_code == 404
    assert "There is nothing here" in response.content.decode()
    assert "Log a contact" in response.content.decode()  # the site's navigation


def test_a_forbidden_change_says_why(client, cast):
    client.force_login(cast.member)
    response = client.get("/settings/")
    assert response.status_code == 403
    assert "your role does not let you" in response.content.decode()
