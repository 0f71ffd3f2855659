"""Notes, insights, reflections, questions to the host, learning tasks and question guides.

Everyone signed in reads them (sharing is the point). A participant writes their own note
and reflection; observers ask the host; the host and the asker reply in the thread.
Insights: anyone adds; who added it, their managers, program leads and admins change it.
Learning tasks: managers (for their reports), program leads and admins assign them.

The customer wall's feed is not here: it is a plain JSON view authenticated by the wall
link's token, /insights/wall/{token}/feed.json, so a TV needs no API token.

The operations live in sub-modules by topic, each with its router; this one joins them, in
the order the reference lists them.
"""

from ninja import Router

from ridealong.insights.api import insights, notes, reflections, tasks

router = Router()
router.add_router("", notes.router)
router.add_router("", insights.router)
router.add_router("", reflections.router)
router.add_router("", tasks.router)
