"""drf-spectacular schema that documents the error answers every operation can give."""

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework.permissions import AllowAny

from core.api.serializers import ErrorSerializer

_ERRORS = {
    "400": "Bad input: `fields` names each invalid field. Nothing was changed.",
    "401": "Not authenticated.",
    "403": "Authenticated, but your role may not do this.",
    "404": "No such object, or not visible to you.",
    "409": "The object's current state forbids this action; the message names that state.",
    "429": "Too many requests; retry later.",
}


class AutoSchema(SpectacularAutoSchema):
    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        for code in self._error_codes():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=_ERRORS[code]), code, direction=direction
                )
        return responses

    def _error_codes(self) -> list[str]:
        view = self.view
        codes = []
        if self.method in ("POST", "PUT", "PATCH") or self._is_list_view():
            codes.append("400")  # invalid body, or invalid filter values on a list
        if not all(isinstance(p, AllowAny) for p in view.get_permissions()):
            codes += ["401", "403"]
        if "{" in self.path:
            codes.append("404")
        if self.method == "POST" and getattr(view, "action", None) not in (None, "create"):
            codes.append("409")
        if view.get_throttles():
            codes.append("429")
        return codes
