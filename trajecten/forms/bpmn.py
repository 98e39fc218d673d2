"""The form to import a BPMN 2.0 file as a new process version."""

from __future__ import annotations

from pathlib import PurePath

from crispy_forms.helper import FormHelper
from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from wasstraat.svg import getal

from ..choices import ProcesSoort
from .fouten import ServicefoutenMixin

#: What BPMN files are called: Camunda Modeler and bpmn.io write .bpmn, other tools .xml or .bpmn20.xml.
EXTENSIES = (".bpmn", ".xml")


class BpmnImportForm(ServicefoutenMixin, forms.Form):
    """A .bpmn file, the kind of version it becomes, and optionally its name.

    The form checks what it can see without reading the XML (a file, its extension, its size); the
    view has the file read by `trajecten.bpmn.bpmn_importeren` and puts its refusal at `bestand`.
    """

    bestand = forms.FileField(
        label=_("BPMN file"),
        help_text=_(
            "A BPMN 2.0 file (.bpmn or .xml), e.g. from Camunda Modeler, Signavio, Bizagi, ADONIS, "
            "Trisotech or Visio."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".bpmn,.xml,application/xml,text/xml"}),
    )
    soort = forms.ChoiceField(
        label=_("Kind of version"), choices=ProcesSoort.choices, initial=ProcesSoort.HUIDIG
    )
    naam = forms.CharField(
        label=_("Name of the new version"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the name of the process in the file."),
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True

    def clean_bestand(self) -> UploadedFile:
        bestand: UploadedFile = self.cleaned_data["bestand"]
        naam = (bestand.name or "").lower()
        if not naam.endswith(EXTENSIES):
            raise forms.ValidationError(_("Choose a BPMN file: its name ends in .bpmn or .xml."))
        maximum = settings.BPMN_MAX_BYTES
        if bestand.size > maximum:
            raise forms.ValidationError(
                _("The file is too large (%(grootte)s MB); at most %(maximum)s MB can be imported.")
                % {
                    "grootte": getal(bestand.size / (1024 * 1024), 1),
                    "maximum": getal(maximum / (1024 * 1024), 1),
                }
            )
        return bestand

    def bestandsnaam(self) -> str:
        """The file's name without its extension, as a fallback name for the version."""
        naam = PurePath(self.cleaned_data["bestand"].name or "").name
        for extensie in (".bpmn20.xml", *EXTENSIES):
            if naam.lower().endswith(extensie):
                return naam[: -len(extensie)]
        return naam
