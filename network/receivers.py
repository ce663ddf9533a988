"""What network does when other apps announce something (connected in ``NetworkConfig.ready``).

Signals keep dependencies one-way: ``quizzes`` sends ``attempt_passed`` and never imports
``network``; ``network`` (which imports ``quizzes``) listens here.
"""

from . import services


def post_test_receiver(sender, *, user, quiz, **kwargs):
    """A learner passed ``quiz``: confirm attendance where it is an event's post-test."""
    services.post_test_passed(user=user, quiz=quiz)
