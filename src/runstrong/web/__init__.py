"""runstrong web app: FastAPI factory, routes, templates and static assets."""
