from django.db import connection
from django.http import JsonResponse


def health(request):
    """For the load balancer: answers 200 when this process can reach its database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any failure to reach the database means "unhealthy", whatever its type
        return JsonResponse({"status": "unavailable"}, status=503)
    return JsonResponse({"status": "ok"})
