// A real OpenID Connect provider for the single sign-on tests: oidc-provider (npm) on loopback.
//
// Started by tests/sso/conftest.py. Configuration from the environment:
//   OIDC_CLIENT_ID, OIDC_CLIENT_SECRET   the one client (Wasstraat)
//   OIDC_REDIRECT_URIS                   comma-separated redirect URIs of that client
//   OIDC_POST_LOGOUT_REDIRECT_URIS       comma-separated post_logout_redirect_uris
//   OIDC_ACCOUNTS_FILE                   JSON {"<login>": {claims...}}, read on every lookup, so a test
//                                        can change an account (e-mail, groups) between two logins
// It listens on a free port of 127.0.0.1 and prints one line, {"issuer": "http://127.0.0.1:<port>"}.
// RS256 signing keys are generated at start. The login page is our own minimal form (login name only,
// no password); consent is implied (the client is first-party), as at a municipality's own provider.
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";

import Provider from "oidc-provider";

const lijst = (waarde) => (waarde || "").split(",").map((s) => s.trim()).filter(Boolean);
const SCOPES = "openid email profile groups";

function accounts() {
  return JSON.parse(readFileSync(process.env.OIDC_ACCOUNTS_FILE, "utf8"));
}

function sleutel() {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return { ...privateKey.export({ format: "jwk" }), kid: randomUUID(), alg: "RS256", use: "sig" };
}

function escape(tekst) {
  return String(tekst).replace(/[&<>"']/g, (t) => `&#${t.charCodeAt(0)};`);
}

function pagina(titel, inhoud) {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>${escape(titel)}</title></head>
<body><main><h1>${escape(titel)}</h1>${inhoud}</main></body></html>`;
}

function loginFormulier(uid, fout = "") {
  const melding = fout ? `<p role="alert">${escape(fout)}</p>` : "";
  return pagina(
    "Testaanbieder: inloggen",
    `${melding}<form method="post" action="/interaction/${escape(uid)}/login">
<label for="login">Gebruikersnaam</label> <input id="login" name="login" autocomplete="username" required>
<button type="submit">Inloggen bij de testaanbieder</button></form>`,
  );
}

function maakProvider(issuer) {
  return new Provider(issuer, {
    clients: [
      {
        client_id: process.env.OIDC_CLIENT_ID,
        client_secret: process.env.OIDC_CLIENT_SECRET,
        redirect_uris: lijst(process.env.OIDC_REDIRECT_URIS),
        post_logout_redirect_uris: lijst(process.env.OIDC_POST_LOGOUT_REDIRECT_URIS),
        token_endpoint_auth_method: "client_secret_post",
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    ],
    jwks: { keys: [sleutel()] },
    cookies: { keys: [randomUUID()] },
    scopes: ["openid", "email", "profile", "groups"],
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "given_name", "family_name", "preferred_username"],
      groups: ["groups"],
    },
    // Claims in the ID token too, as Entra ID puts its groups there.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = pagina(
            "Testaanbieder: uitloggen",
            `${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Ja, uitloggen</button>`,
          );
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = pagina("Testaanbieder: uitgelogd", "<p>U bent uitgelogd.</p>");
        },
      },
    },
    async findAccount(ctx, id) {
      const claims = accounts()[id];
      if (!claims) return undefined;
      return { accountId: id, claims: async () => ({ ...claims, sub: id }) };
    },
    // The client is first-party: every requested scope is granted without a consent screen.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      const bestaand = grantId && (await ctx.oidc.provider.Grant.find(grantId));
      if (bestaand) return bestaand;
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope(SCOPES);
      await grant.save();
      return grant;
    },
    renderError: async (ctx, out) => {
      ctx.type = "html";
      ctx.body = pagina("Testaanbieder: fout", `<pre>${escape(JSON.stringify(out))}</pre>`);
    },
  });
}

async function formulierGegevens(req) {
  let body = "";
  for await (const stuk of req) body += stuk;
  return new URLSearchParams(body);
}

async function interactie(provider, req, res) {
  const pad = new URL(req.url, "http://localhost").pathname;
  const [, , uid, actie] = pad.split("/");
  try {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error("interaction mismatch");
    if (req.method === "POST" && actie === "login") {
      const login = (await formulierGegevens(req)).get("login") || "";
      if (!accounts()[login]) {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        res.end(loginFormulier(uid, "Onbekende gebruiker"));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
      return;
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(loginFormulier(uid));
  } catch (fout) {
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
    res.end(String(fout));
  }
}

const server = http.createServer();
server.listen(0, "127.0.0.1", () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = maakProvider(issuer);
  const standaard = provider.callback();
  server.on("request", (req, res) => {
    if (req.url.startsWith("/interaction/")) {
      interactie(provider, req, res);
    } else {
      standaard(req, res);
    }
  });
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

function stoppen() {
  server.closeAllConnections();
  server.close(() => process.exit(0));
}
for (const signaal of ["SIGTERM", "SIGINT"]) process.on(signaal, stoppen);
// The test run that started us closes our stdin when it ends, even when it crashes: stop then too.
process.stdin.on("end", stoppen);
process.stdin.resume();
