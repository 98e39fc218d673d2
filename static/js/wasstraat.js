/*
 * Wasstraat: the session-timeout warning (WCAG 2.2.1 Timing Adjustable).
 *
 * <body> carries data-sessie-duur (seconds a session lives without activity),
 * data-sessie-waarschuwing (seconds before the end to warn), data-sessie-verlengen (POST URL that
 * renews the session and answers JSON {verloopt_over: seconds}) and data-login-url. The CSRF token is
 * read from the hx-headers JSON on <body>. Any request to the server renews the session, so page loads
 * and htmx requests restart the timers; other tabs of the same site are kept in step via localStorage.
 * No inline script: this file is served from our own origin under a strict CSP.
 */
(function () {
  "use strict";

  var body = document.body;
  var duur = parseInt(body.dataset.sessieDuur, 10);
  var waarschuwing = parseInt(body.dataset.sessieWaarschuwing, 10);
  var verlengUrl = body.dataset.sessieVerlengen;
  var loginUrl = body.dataset.loginUrl;
  var modalElement = document.getElementById("sessie-waarschuwing");
  if (!duur || !verlengUrl || !loginUrl || !modalElement || !window.bootstrap) {
    return; // not logged in, or the page has no warning dialog
  }
  if (!waarschuwing || waarschuwing >= duur) {
    waarschuwing = Math.min(300, Math.floor(duur / 2));
  }

  var OPSLAG_SLEUTEL = "wasstraat.sessieEinde";
  var modal = window.bootstrap.Modal.getOrCreateInstance(modalElement, {
    backdrop: "static",
    keyboard: false
  });
  var teller = modalElement.querySelector("[data-sessie-teller]");
  var knop = modalElement.querySelector("[data-sessie-verleng]");
  var einde = 0;
  var waarschuwTimer = null;
  var uitlogTimer = null;
  var tellerTimer = null;

  function csrfToken() {
    try {
      return JSON.parse(body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    } catch (fout) {
      return "";
    }
  }

  function opgeslagenEinde() {
    try {
      return parseInt(window.localStorage.getItem(OPSLAG_SLEUTEL), 10) || 0;
    } catch (fout) {
      return 0;
    }
  }

  function bewaarEinde(waarde) {
    try {
      window.localStorage.setItem(OPSLAG_SLEUTEL, String(waarde));
    } catch (fout) {
      /* private mode: this tab still works on its own */
    }
  }

  function stopTimers() {
    window.clearTimeout(waarschuwTimer);
    window.clearTimeout(uitlogTimer);
    window.clearInterval(tellerTimer);
  }

  function resterendeMinuten() {
    return Math.max(1, Math.ceil((einde - Date.now()) / 60000));
  }

  function werkTellerBij() {
    if (!teller) {
      return;
    }
    var minuten = String(resterendeMinuten());
    if (teller.textContent !== minuten) {
      teller.textContent = minuten;
    }
  }

  function toonWaarschuwing() {
    werkTellerBij();
    tellerTimer = window.setInterval(werkTellerBij, 1000);
    modal.show();
  }

  function naarLogin(zeker) {
    // Another tab may have renewed the session in the meantime.
    if (!zeker && opgeslagenEinde() > Date.now() + 1000) {
      plan(opgeslagenEinde());
      return;
    }
    var hier = window.location.pathname + window.location.search;
    window.location.assign(loginUrl + "?next=" + encodeURIComponent(hier));
  }

  // Schedule the warning and the logout for a session that ends at `eindtijd` (ms since epoch).
  function plan(eindtijd) {
    stopTimers();
    einde = eindtijd;
    var nu = Date.now();
    waarschuwTimer = window.setTimeout(toonWaarschuwing, Math.max(0, einde - waarschuwing * 1000 - nu));
    uitlogTimer = window.setTimeout(naarLogin, Math.max(0, einde - nu));
    if (modalElement.classList.contains("show") && einde - nu > waarschuwing * 1000) {
      modal.hide();
    }
  }

  // The server renewed the session just now (a page load, an htmx request or the button).
  function vernieuwd(seconden) {
    var eindtijd = Date.now() + (seconden || duur) * 1000;
    bewaarEinde(eindtijd);
    plan(eindtijd);
  }

  function verlengen() {
    knop.disabled = true;
    window.fetch(verlengUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        "X-CSRFToken": csrfToken(),
        "X-Requested-With": "XMLHttpRequest",
        Accept: "application/json"
      }
    })
      .then(function (antwoord) {
        if (!antwoord.ok) {
          throw new Error("HTTP " + antwoord.status);
        }
        return antwoord.json();
      })
      .then(function (gegevens) {
        vernieuwd(gegevens.verloopt_over);
        modal.hide();
      })
      .catch(function () {
        naarLogin(true); // the session is already gone: log in again, then come back here
      })
      .finally(function () {
        knop.disabled = false;
      });
  }

  if (knop) {
    knop.addEventListener("click", verlengen);
  }
  modalElement.addEventListener("hidden.bs.modal", function () {
    window.clearInterval(tellerTimer);
  });
  body.addEventListener("htmx:afterRequest", function () {
    vernieuwd(duur);
  });
  window.addEventListener("storage", function (gebeurtenis) {
    if (gebeurtenis.key === OPSLAG_SLEUTEL && opgeslagenEinde() > einde) {
      plan(opgeslagenEinde());
    }
  });

  vernieuwd(duur);
})();

/*
 * After an htmx swap (team page, improvement points): keyboard and screen-reader users must learn what
 * happened without hunting for it (WCAG 4.1.3 Status Messages, 2.4.3 Focus Order). The swapped region's
 * status message becomes a polite live region and receives focus; without a message (the form came
 * back with errors) the first invalid field gets focus, otherwise the region itself.
 */
(function () {
  "use strict";

  function maakFocusbaar(element) {
    if (!element.hasAttribute("tabindex")) {
      element.setAttribute("tabindex", "-1");
    }
    return element;
  }

  function gewisseldGebied(detail) {
    var doel = detail && (detail.target || detail.elt);
    if (!doel) {
      return null;
    }
    // With hx-swap="outerHTML" the old element is gone; its replacement carries the same id.
    return (doel.id && document.getElementById(doel.id)) || (doel.isConnected ? doel : null);
  }

  function statusbericht(gebied) {
    var bericht = gebied.querySelector("[role='status'], [role='alert']");
    if (!bericht) {
      var alert = gebied.querySelector(".alert-success, .alert-info");
      if (alert) {
        bericht = alert;
        bericht.setAttribute("role", "status");
      }
    }
    if (bericht && !bericht.hasAttribute("aria-live")) {
      bericht.setAttribute("aria-live", bericht.getAttribute("role") === "alert" ? "assertive" : "polite");
    }
    return bericht;
  }

  document.body.addEventListener("htmx:afterSettle", function (gebeurtenis) {
    // Only answers to a form the user sent; a swap nobody asked for must not steal the focus.
    // (detail.elt is the settled element here; the element that made the request is in requestConfig.)
    var verzoek = gebeurtenis.detail && gebeurtenis.detail.requestConfig;
    var bron = verzoek && verzoek.elt;
    if (!bron || !bron.closest || !bron.closest("form")) {
      return;
    }
    // A search whose matches fill in below it (the team picker) leaves the focus in the search field.
    if (bron.closest("[data-focus-houden]")) {
      return;
    }
    var gebied = gewisseldGebied(gebeurtenis.detail);
    if (!gebied) {
      return;
    }
    var doel =
      statusbericht(gebied) ||
      gebied.querySelector(".is-invalid, [aria-invalid='true']") ||
      maakFocusbaar(gebied);
    if (doel.matches("input, select, textarea, button")) {
      doel.focus();
    } else {
      maakFocusbaar(doel).focus();
    }
  });
})();

/*
 * A link to something inside a closed <details> (the trajectory page's "#stap-6") opens it, so the
 * reader lands on the content instead of on a closed line. On load and on every change of the hash.
 */
(function () {
  "use strict";

  function openDoel() {
    var ident = window.location.hash.slice(1);
    if (!ident) {
      return;
    }
    var doel = document.getElementById(decodeURIComponent(ident));
    var details = doel && (doel.tagName === "DETAILS" ? doel : doel.closest("details"));
    if (details && !details.open) {
      details.open = true;
      doel.scrollIntoView({ block: "start" });
    }
  }

  window.addEventListener("hashchange", openDoel);
  openDoel();
})();

/*
 * A choice among search results survives a late answer. When htmx replaces the matches of a search
 * (a target marked data-keuze-houden, the team picker), the radio button that was checked stays checked
 * if it is among the new matches and the answer itself chose nobody. The search also sends the choice
 * along (hx-include), so answers asked for after it keep it on the server's side; this covers an answer
 * that was already on its way when the person was chosen.
 */
(function () {
  "use strict";
  var bewaard = new WeakMap();

  document.body.addEventListener("htmx:beforeSwap", function (gebeurtenis) {
    var doel = gebeurtenis.detail && gebeurtenis.detail.target;
    if (!doel || !doel.matches || !doel.matches("[data-keuze-houden]")) {
      return;
    }
    var gekozen = doel.querySelector("input[type=radio]:checked");
    bewaard.set(doel, gekozen ? { naam: gekozen.name, waarde: gekozen.value } : null);
  });

  document.body.addEventListener("htmx:afterSwap", function (gebeurtenis) {
    var doel = gebeurtenis.detail && gebeurtenis.detail.target;
    if (!doel || !bewaard.has(doel)) {
      return;
    }
    var keuze = bewaard.get(doel);
    bewaard.delete(doel);
    if (!keuze || doel.querySelector("input[type=radio]:checked")) {
      return;
    }
    var knoppen = doel.querySelectorAll("input[type=radio]");
    for (var i = 0; i < knoppen.length; i++) {
      if (knoppen[i].name === keuze.naam && knoppen[i].value === keuze.waarde) {
        knoppen[i].checked = true;
        return;
      }
    }
  });
})();
