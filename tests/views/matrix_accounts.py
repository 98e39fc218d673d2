"""Permission-matrix rows for the accounts pages of the application (merged into MATRIX in
test_permissiematrix.py); the admin has its own matrix (matrix_beheer.py, test_beheermatrix.py).

The rights log is global: ``accounts.view_rechtenwijziging`` (the group "Privacyfunctionarissen"), which
none of the matrix's people is in: everyone gets 403 (tests/accounts/test_rechtenlog.py shows the
officer the page). The link to set a password is public (the person is not logged in yet); an invalid
link shows a page saying so, and holds no data.
"""

from __future__ import annotations

from tests.views.conftest import Omgeving
from tests.views.matrix import INGELOGD, Controle, Verzoek, _geen, get


def _ongeldige_link(o: Omgeving, _wie) -> Verzoek:
    return Verzoek({"uidb64": "MTIz", "token": "ongeldig-token"})


RIJEN: dict[str, list[Controle]] = {
    "accounts:rechtenlog": [get(frozenset(), _geen, per_traject=False)],
    "password_reset_confirm": [get(INGELOGD, _ongeldige_link, per_traject=False, publiek=True)],
    "password_reset_complete": [get(INGELOGD, _geen, per_traject=False, publiek=True)],
}
