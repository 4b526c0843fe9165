"""The one base of the errors the command line and the server turn into a sentence for the user.

str() of each is that sentence; exit_status is how `notices` ends on it, http_status what the
server answers. A leaf: every part of the program may import it, and it imports nothing.
"""


class NoticesError(Exception):
    """Something the user is told in one sentence, and can act on."""
    exit_status = 1
    http_status = 500
