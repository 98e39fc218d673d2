from django.http import HttpResponse


def lijst(request):
    return HttpResponse("")
