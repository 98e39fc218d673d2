/*
 * Wasstraat: large swimlane diagrams readable at a glance (the process page, the comparison, the check
 * and the 6P page).
 *
 * A toolbar `[data-swimlane-werkbalk]` (templates/trajecten/_swimlane_werkbalk.html) names the frame it
 * controls in aria-controls: a `.swimlane-kader` that scrolls sideways and holds the server's
 * <svg class="swimlane">. This script adds, without touching the drawing itself:
 * - zoom: out, in, fit to the frame's width and 100% (buttons; in the frame also the keys - + and 0). The
 *   SVG is scaled through its width and height attributes: no style attributes (strict CSP). The last
 *   choice is remembered for the next diagram;
 * - lane names that stay in view while the diagram scrolls: a copy of the SVG's `g.swimlane-banen` in a
 *   sticky column at the frame's left edge;
 * - the legend below the frame at its own size, so it is always in view and never shrinks with the zoom;
 * - a scroll cue while there is more to see: a button at each edge that has more, and which steps are in
 *   view ("Stap 1–6 van 12 in beeld").
 * Without JavaScript the toolbar stays hidden, the frame scrolls and the legend is part of the drawing.
 * After an htmx swap of the frame (a step added, moved or removed) the new drawing gets the same zoom.
 */
(function () {
  "use strict";

  var NS = "http://www.w3.org/2000/svg";
  var OPSLAG = "wasstraat.swimlaneZoom";
  var MIN = 0.3;
  var MAX = 2;
  var FACTOR = 1.25;
  var AUTO_PASSEND = 0.75; // without a remembered choice: fit when that needs no more shrinking than this
  var diagrammen = [];

  function opgeslagen() {
    try {
      return window.localStorage.getItem(OPSLAG);
    } catch (fout) {
      return null;
    }
  }

  function bewaar(waarde) {
    try {
      window.localStorage.setItem(OPSLAG, String(waarde));
    } catch (fout) {
      /* private mode: the choice lasts for this page */
    }
  }

  function tekst(d, sleutel, waarden) {
    var uit = d.werkbalk.getAttribute("data-tekst-" + sleutel) || "";
    Object.keys(waarden || {}).forEach(function (naam) {
      uit = uit.split("{" + naam + "}").join(String(waarden[naam]));
    });
    return uit;
  }

  function svgElement(naam, attributen) {
    var element = document.createElementNS(NS, naam);
    Object.keys(attributen).forEach(function (sleutel) {
      element.setAttribute(sleutel, attributen[sleutel]);
    });
    return element;
  }

  // The drawing's own size as the server wrote it (kept, since the zoom changes the attributes).
  function maten(svg) {
    if (!svg.hasAttribute("data-breedte")) {
      var vak = svg.viewBox.baseVal;
      svg.setAttribute("data-breedte", vak.width);
      svg.setAttribute("data-hoogte", vak.height);
    }
    var hoogte = parseFloat(svg.getAttribute("data-hoogte"));
    return {
      breedte: parseFloat(svg.getAttribute("data-breedte")),
      hoogte: hoogte,
      diagram: parseFloat(svg.getAttribute("data-diagramhoogte")) || hoogte,
      label: parseFloat(svg.getAttribute("data-labelbreedte")) || 0
    };
  }

  // The legend below the frame, at its own size, each entry a small drawing of its own so that the
  // entries wrap in a narrow column; the drawing in the frame is cropped to the lanes.
  function legendaVerplaatsen(d) {
    d.legenda.textContent = "";
    var groep = d.svg.querySelector("g.swimlane-legenda");
    if (!groep || d.maten.diagram >= d.maten.hoogte) {
      return;
    }
    var items = groep.querySelectorAll("g.swimlane-legenda-item");
    Array.prototype.forEach.call(items.length ? items : [groep], function (item) {
      var vak = item.getBBox();
      var kopie = svgElement("svg", {
        viewBox: [vak.x - 2, vak.y - 2, vak.width + 4, vak.height + 4].join(" "),
        width: Math.ceil(vak.width + 4),
        height: Math.ceil(vak.height + 4),
        "font-family": d.svg.getAttribute("font-family") || "sans-serif",
        "aria-hidden": "true",
        focusable: "false"
      });
      kopie.appendChild(item.cloneNode(true));
      d.legenda.appendChild(kopie);
    });
    d.svg.setAttribute("viewBox", "0 0 " + d.maten.breedte + " " + d.maten.diagram);
  }

  // A copy of the lane names in a sticky column: in view whatever the frame's scroll position.
  function labelsVastzetten(d) {
    d.labels = null;
    var banen = d.svg.querySelector("g.swimlane-banen");
    if (!banen || !d.maten.label) {
      return;
    }
    var houder = document.createElement("div");
    houder.className = "swimlane-plaklabels";
    houder.setAttribute("aria-hidden", "true");
    d.labels = svgElement("svg", {
      viewBox: "0 0 " + d.maten.label + " " + d.maten.diagram,
      "font-family": d.svg.getAttribute("font-family") || "sans-serif",
      focusable: "false"
    });
    d.labels.appendChild(banen.cloneNode(true));
    houder.appendChild(d.labels);
    d.kader.insertBefore(houder, d.svg);
    d.kader.classList.add("swimlane-kader--verrijkt");
  }

  function ruimte(d) {
    var stijl = window.getComputedStyle(d.kader);
    return d.kader.clientWidth - parseFloat(stijl.paddingLeft) - parseFloat(stijl.paddingRight);
  }

  function passendeZoom(d) {
    return Math.max(MIN, Math.min(1, ruimte(d) / d.maten.breedte));
  }

  function toepassen(d, zoom) {
    var k = d.kader;
    var midden = k.scrollWidth > k.clientWidth ? (k.scrollLeft + k.clientWidth / 2) / k.scrollWidth : 0;
    d.zoom = Math.max(MIN, Math.min(MAX, zoom));
    d.svg.setAttribute("width", (d.maten.breedte * d.zoom).toFixed(1));
    d.svg.setAttribute("height", (d.maten.diagram * d.zoom).toFixed(1));
    if (d.labels) {
      d.labels.setAttribute("width", (d.maten.label * d.zoom).toFixed(1));
      d.labels.setAttribute("height", (d.maten.diagram * d.zoom).toFixed(1));
      // The left cue starts where the sticky lane names end (CSSOM, allowed under the CSP).
      d.cueLinks.style.left = Math.round(d.maten.label * d.zoom + 1) + "px";
    }
    if (midden) {
      k.scrollLeft = midden * k.scrollWidth - k.clientWidth / 2;
    }
    d.waarde.textContent = Math.round(d.zoom * 100) + "%";
    d.knoppen.uit.disabled = d.zoom <= MIN + 0.001;
    d.knoppen["in"].disabled = d.zoom >= MAX - 0.001;
    d.knoppen.passend.setAttribute("aria-pressed", String(d.modus === "passend"));
    d.knoppen.ware.setAttribute("aria-pressed", String(Math.abs(d.zoom - 1) < 0.001));
    bijwerken(d);
  }

  function kiezen(d, modus, zoom) {
    d.modus = modus;
    toepassen(d, modus === "passend" ? passendeZoom(d) : zoom);
    bewaar(modus === "passend" ? "passend" : d.zoom.toFixed(3));
  }

  // The scroll cue: a button at each edge with more to see, and which steps are in view.
  function bijwerken(d) {
    var k = d.kader;
    var meer = k.scrollWidth - k.clientWidth;
    d.cueLinks.hidden = !(meer > 2 && k.scrollLeft > 2);
    d.cueRechts.hidden = !(meer > 2 && k.scrollLeft < meer - 2);
    d.venster.classList.toggle("swimlane-venster--breder", meer > 2);
    var vak = k.getBoundingClientRect();
    var begin = vak.left + (d.labels ? d.labels.getBoundingClientRect().width : 0);
    var nummers = [];
    var stappen = d.svg.querySelectorAll("g[data-stap]");
    Array.prototype.forEach.call(stappen, function (groep) {
      var r = groep.getBoundingClientRect();
      var midden = (r.left + r.right) / 2;
      if (midden >= begin && midden <= vak.right) {
        nummers.push(parseInt(groep.getAttribute("data-stap"), 10));
      }
    });
    if (!stappen.length) {
      d.status.textContent = "";
    } else if (nummers.length === stappen.length) {
      d.status.textContent = tekst(d, "alles", { n: stappen.length });
    } else if (nummers.length) {
      d.status.textContent = tekst(d, "zichtbaar", {
        van: Math.min.apply(null, nummers),
        tot: Math.max.apply(null, nummers),
        n: stappen.length
      });
    } else {
      d.status.textContent = tekst(d, "geen", { n: stappen.length });
    }
  }

  function scrollen(d, richting) {
    var glad = !window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    d.kader.scrollBy({ left: richting * d.kader.clientWidth * 0.8, behavior: glad ? "smooth" : "auto" });
  }

  function cue(d, richting) {
    var houder = document.createElement("div");
    houder.className = "swimlane-cue swimlane-cue--" + (richting < 0 ? "links" : "rechts");
    houder.hidden = true;
    var knop = document.createElement("button");
    knop.type = "button";
    knop.className = "btn btn-light btn-sm swimlane-cue-knop";
    knop.setAttribute("aria-label", tekst(d, richting < 0 ? "links" : "rechts"));
    knop.setAttribute("aria-controls", d.kader.id);
    var pijl = document.createElement("i");
    pijl.className = "bi " + (richting < 0 ? "bi-chevron-left" : "bi-chevron-right");
    pijl.setAttribute("aria-hidden", "true");
    if (richting > 0) {
      knop.appendChild(document.createTextNode(tekst(d, "meer") + " "));
    }
    knop.appendChild(pijl);
    knop.addEventListener("click", function () {
      scrollen(d, richting);
    });
    houder.appendChild(knop);
    d.venster.appendChild(houder);
    return houder;
  }

  function toets(d, gebeurtenis) {
    if (gebeurtenis.altKey || gebeurtenis.ctrlKey || gebeurtenis.metaKey) {
      return;
    }
    if (gebeurtenis.key === "+" || gebeurtenis.key === "=") {
      kiezen(d, "zoom", d.zoom * FACTOR);
    } else if (gebeurtenis.key === "-") {
      kiezen(d, "zoom", d.zoom / FACTOR);
    } else if (gebeurtenis.key === "0") {
      kiezen(d, "zoom", 1);
    } else {
      return;
    }
    gebeurtenis.preventDefault();
  }

  // The frame's part: done again when htmx replaced the frame with a new drawing.
  function kaderInrichten(d, kader) {
    d.kader = kader;
    d.svg = kader.querySelector("svg.swimlane");
    if (!d.svg) {
      return false;
    }
    d.maten = maten(d.svg);
    legendaVerplaatsen(d);
    labelsVastzetten(d);
    var gepland = false;
    kader.addEventListener("scroll", function () {
      if (!gepland) {
        gepland = true;
        window.requestAnimationFrame(function () {
          gepland = false;
          bijwerken(d);
        });
      }
    });
    kader.addEventListener("keydown", function (gebeurtenis) {
      toets(d, gebeurtenis);
    });
    return true;
  }

  function beginZoom(d) {
    var keuze = opgeslagen();
    if (keuze === "passend") {
      d.modus = "passend";
      return passendeZoom(d);
    }
    if (keuze && !isNaN(parseFloat(keuze))) {
      d.modus = "zoom";
      return parseFloat(keuze);
    }
    var passend = passendeZoom(d);
    d.modus = passend >= AUTO_PASSEND ? "passend" : "zoom";
    return passend >= AUTO_PASSEND ? passend : 1;
  }

  function inrichten(werkbalk) {
    var kader = document.getElementById(werkbalk.getAttribute("aria-controls"));
    if (!kader) {
      return;
    }
    var d = { werkbalk: werkbalk, zoom: 1, modus: "zoom" };
    d.venster = document.createElement("div");
    d.venster.className = "swimlane-venster";
    kader.parentNode.insertBefore(d.venster, kader);
    d.venster.appendChild(kader);
    d.legenda = document.createElement("div");
    d.legenda.className = "swimlane-legenda-plek";
    d.venster.parentNode.insertBefore(d.legenda, d.venster.nextSibling);
    if (!kaderInrichten(d, kader)) {
      return;
    }
    d.knoppen = {};
    ["uit", "in", "passend", "ware"].forEach(function (soort) {
      d.knoppen[soort] = werkbalk.querySelector("[data-zoom='" + soort + "']");
    });
    d.waarde = werkbalk.querySelector("[data-zoom-waarde]");
    d.status = werkbalk.querySelector("[data-swimlane-status]");
    d.cueLinks = cue(d, -1);
    d.cueRechts = cue(d, 1);
    d.knoppen.uit.addEventListener("click", function () {
      kiezen(d, "zoom", d.zoom / FACTOR);
    });
    d.knoppen["in"].addEventListener("click", function () {
      kiezen(d, "zoom", d.zoom * FACTOR);
    });
    d.knoppen.passend.addEventListener("click", function () {
      kiezen(d, "passend");
    });
    d.knoppen.ware.addEventListener("click", function () {
      kiezen(d, "zoom", 1);
    });
    werkbalk.hidden = false;
    toepassen(d, beginZoom(d));
    diagrammen.push(d);
  }

  function vernieuwd() {
    diagrammen.forEach(function (d) {
      var kader = document.getElementById(d.kader.id);
      if (kader && kader !== d.kader && kaderInrichten(d, kader)) {
        toepassen(d, d.modus === "passend" ? passendeZoom(d) : d.zoom);
      }
    });
  }

  var wachten = null;
  window.addEventListener("resize", function () {
    window.clearTimeout(wachten);
    wachten = window.setTimeout(function () {
      diagrammen.forEach(function (d) {
        toepassen(d, d.modus === "passend" ? passendeZoom(d) : d.zoom);
      });
    }, 100);
  });
  document.body.addEventListener("htmx:afterSettle", vernieuwd);
  Array.prototype.forEach.call(document.querySelectorAll("[data-swimlane-werkbalk]"), inrichten);
})();
