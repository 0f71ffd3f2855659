"""The API toolkit every app's api.py uses: input rules, pages, references, error answers."""
