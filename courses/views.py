from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .selectors import courses_for_learner


@login_required
def my_courses(request):
    return render(request, "courses/my_courses.html", {"course_progress": courses_for_learner(request.user)})
