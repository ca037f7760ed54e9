"""The upload page at `/`: consultants sign in with their token, download the intake template, upload a client's
intake and read the report, the organisation's history and the comparison with its last audit, in Chinese or
English, without any script (server-rendered jinja2; routes in service.page.routes)."""
