"""The production server: waitress, with the security headers on its own error answers too.

Waitress answers some requests itself, before the application sees them: a request line it cannot
parse (400), headers over its limit (431), a body over its limit (413). Those answers are made by
its ErrorTask, which adds no header of ours; the channel class below gives it the same security
headers as every page (webapp.SECURITY_HEADERS)."""
import logging

from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, create_server
from waitress.task import ErrorTask

from . import SECURITY_HEADERS


class ErrorWithHeaders(ErrorTask):
    def execute(self):
        self.response_headers.extend(SECURITY_HEADERS.items())
        super().execute()


class Channel(HTTPChannel):
    error_task_class = ErrorWithHeaders


def make_server(app, **options):
    """A waitress server (not yet running) for app; options as waitress.serve takes them."""
    server = create_server(app, **options)
    listeners = [server] if isinstance(server, BaseWSGIServer) else list(server.map.values())
    for listener in listeners:
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = Channel
    return server


def serve(app, **options):
    logging.basicConfig()  # waitress logs what goes wrong in a request, as waitress.serve lets it
    make_server(app, **options).run()
