"""The serviceformule catalogue: every logged-in user reads it, the functioneel beheerder keeps it.

Thin views: the global permission (``serviceformules.add_serviceformule`` / ``change_serviceformule``
/ ``change_product``) or 403, one service per write, errors back on the form with the input kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from trajecten.services import WorkflowFout

from .. import services
from ..choices import P
from ..forms.catalogus import FormuleForm, ProductFormuleForm
from ..models import FormuleP, Product, Serviceformule

AANMAKEN = "serviceformules.add_serviceformule"
WIJZIGEN = "serviceformules.change_serviceformule"
PRODUCT_WIJZIGEN = "serviceformules.change_product"
FORMULIER = "serviceformules/formule_form.html"

_P_VOLGORDE = {p.value: index for index, p in enumerate(P)}


def _eis(request: HttpRequest, recht: str) -> None:
    if not request.user.has_perm(recht):
        raise PermissionDenied


def _rechten(request: HttpRequest) -> dict[str, bool]:
    return {
        "mag_aanmaken": request.user.has_perm(AANMAKEN),
        "mag_wijzigen": request.user.has_perm(WIJZIGEN),
        "mag_producten": request.user.has_perm(PRODUCT_WIJZIGEN),
    }


def _ps_op_volgorde(formule: Serviceformule) -> list[FormuleP]:
    """The formule's P's in the method's order (prefetched), each P present (empty if missing)."""
    per_p = {rij.p: rij for rij in formule.ps.all()}
    return [per_p.get(p.value) or FormuleP(formule=formule, p=p.value) for p in P]


# --- reading ------------------------------------------------------------------------------------


@require_GET
@login_required
def lijst(request: HttpRequest) -> HttpResponse:
    """Every formule with its core values, customer role, number of products, national or own, active."""
    formules = Serviceformule.objects.annotate(aantal_producten=Count("producten")).order_by(
        "-actief", "naam"
    )
    return render(request, "serviceformules/catalogus.html", {"formules": formules, **_rechten(request)})


@require_GET
@login_required
def detail(request: HttpRequest, formule_pk: int) -> HttpResponse:
    """One formule: its core values, the six P's (promise and internal agreement), its products."""
    formule = get_object_or_404(
        Serviceformule.objects.prefetch_related(
            "ps", Prefetch("producten", queryset=Product.objects.select_related("afdeling").order_by("naam"))
        ),
        pk=formule_pk,
    )
    context = {"formule": formule, "ps": _ps_op_volgorde(formule), **_rechten(request)}
    return render(request, "serviceformules/formule_detail.html", context)


@require_GET
@login_required
def producten(request: HttpRequest) -> HttpResponse:
    """Every product and service with its department and its formule."""
    rijen = Product.objects.select_related("afdeling", "serviceformule").order_by("naam")
    return render(request, "serviceformules/producten.html", {"producten": rijen, **_rechten(request)})


# --- keeping the catalogue ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def nieuw(request: HttpRequest) -> HttpResponse:
    """Add the municipality's own formule, with the texts of its six P's."""
    _eis(request, AANMAKEN)
    form = FormuleForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            formule = services.formule_aanmaken(
                door=request.user, ps=form.p_teksten(), **form.servicevelden()
            )
        except (ValidationError, WorkflowFout) as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(request, _("Serviceformule “%(naam)s” added.") % {"naam": formule.naam})
            return redirect(formule)
    return render(request, FORMULIER, {"form": form, "formule": None})


@require_http_methods(["GET", "POST"])
@login_required
def bewerken(request: HttpRequest, formule_pk: int) -> HttpResponse:
    """Change a formule (also a national one): its texts, its P's, whether it can still be chosen."""
    _eis(request, WIJZIGEN)
    formule = get_object_or_404(Serviceformule.objects.prefetch_related("ps"), pk=formule_pk)
    # The form validates on a copy: the page's heading keeps the saved name.
    kopie = Serviceformule.objects.prefetch_related("ps").get(pk=formule.pk)
    form = FormuleForm(request.POST if request.method == "POST" else None, instance=kopie)
    if request.method == "POST" and form.is_valid():
        try:
            formule = services.formule_wijzigen(
                formule=formule,
                door=request.user,
                ps=form.p_teksten(),
                gezien=form.gezien_versie(),
                **form.servicevelden(),
            )
        except (ValidationError, WorkflowFout) as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(request, _("Serviceformule “%(naam)s” saved.") % {"naam": formule.naam})
            return redirect(formule)
    return render(request, FORMULIER, {"form": form, "formule": formule})


@require_http_methods(["GET", "POST"])
@login_required
def product_formule(request: HttpRequest, product_pk: int) -> HttpResponse:
    """Give a product or service its formule."""
    _eis(request, PRODUCT_WIJZIGEN)
    product = get_object_or_404(Product.objects.select_related("afdeling", "serviceformule"), pk=product_pk)
    kopie = Product.objects.get(pk=product.pk)
    form = ProductFormuleForm(request.POST if request.method == "POST" else None, instance=kopie)
    if request.method == "POST" and form.is_valid():
        try:
            product = services.product_formule_zetten(
                product=product,
                formule=form.cleaned_data["serviceformule"],
                door=request.user,
                gezien=form.gezien_versie(),
            )
        except (ValidationError, WorkflowFout) as fout:
            form.servicefout_tonen(fout)
        else:
            messages.success(request, _("The formule of “%(naam)s” has been saved.") % {"naam": product.naam})
            return redirect("serviceformules:producten")
    return render(request, "serviceformules/product_form.html", {"form": form, "product": product})
