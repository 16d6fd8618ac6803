"""``runstrong serve``: run the web app with uvicorn."""

from __future__ import annotations

import typer

from runstrong.cli.console import out


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to ``app``."""

    @app.command("serve")
    def serve(
        host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
        port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
        demo: bool = typer.Option(
            False, "--demo", help="Seed a clearly labelled demo athlete (and log in as it)."
        ),
    ) -> None:
        """Serve the web app (pages and the JSON API under /api/v1) on HOST:PORT."""
        import uvicorn

        from runstrong.web.app import create_app
        from runstrong.web.settings import WebSettings

        settings = WebSettings.from_env().model_copy(update={"demo": demo})
        application = create_app(settings)
        out().print(f"runstrong web app on http://{host}:{port}/  (Ctrl+C to stop)")
        if demo:
            out().print("Demo athlete ready: open the page and choose 'Explore the demo athlete'.")
        uvicorn.run(application, host=host, port=port, workers=1, log_level="info")
