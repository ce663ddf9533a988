"""What a learner must do to complete a course, beyond reading every lesson.

Other apps add requirements without the courses app knowing them: the quizzes app
registers a check that every required quiz (``ujian``/``post_test``) is passed.

A check is ``check(user, course) -> list[str]``: the titles of what is still missing
(empty when satisfied). Register it in the app's ``AppConfig.ready``.
"""

_requirement_checks = []


def register_requirement(check):
    if check not in _requirement_checks:
        _requirement_checks.append(check)
    return check


def unmet_requirements(user, course):
    """Every registered requirement ``user`` has not yet met in ``course``."""
    missing = []
    for check in _requirement_checks:
        missing.extend(check(user, course))
    return missing
