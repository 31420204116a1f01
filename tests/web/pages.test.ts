// The pages over HTTP: the use cases' permissions (404 for anyone else), CSRF, stale versions, escaping and downloads.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDraft } from "../../src/portfolio/create-draft.ts";
import { submitEvidence } from "../../src/portfolio/submit-evidence.ts";
import { type PagesApp, pageSessions, startPagesApp } from "./app.ts";

describe("pages over HTTP", () => {
  let app: PagesApp;

  beforeAll(async () => {
    app = await startPagesApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  const as = pageSessions(() => app);
  const get = async (key: string, path: string) =>
    fetch(`${app.base}${path}`, { headers: { cookie: (await as(key)).cookie }, redirect: "manual" });
  const post = async (key: string, path: string, fields: Record<string, string>) =>
    fetch(`${app.base}${path}`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: (await as(key)).cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
  const amira = () => `/pages/candidates/${app.id("amira")}`;

  it("lets a candidate read their own portfolio, matrix and evidence, without decision forms", async () => {
    for (const path of [amira(), `${amira()}/units/205`, `${amira()}/evidence/E2`]) {
      const res = await get("amira", path);
      expect(res.status, path).toBe(200);
      const html = await res.text();
      expect(html).not.toContain("Save decisions");
      expect(html).not.toContain("Record the sample");
    }
    const own = await (await get("amira", amira())).text();
    expect(own).toContain("Your portfolio");
    expect(own).toContain("What you still need");
    expect(own).toContain("portfolio.csv");
  });

  it("answers 404 to a candidate opening another candidate's pages and documents", async () => {
    for (const path of [
      amira(),
      `${amira()}/units/205`,
      `${amira()}/evidence/E2`,
      `${amira()}/evidence/E99`,
      `${amira()}/units/205/recording-form.pdf`,
      `${amira()}/units/205/assessment-report.pdf`,
      `${amira()}/witness-list.pdf`,
      `${amira()}/portfolio.csv`,
    ]) {
      const res = await get("leo", path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/text\/html/);
    }
    // and the same answer whether or not the evidence exists
    const missing = await (await get("leo", `${amira()}/evidence/E99`)).text();
    const hidden = await (await get("leo", `${amira()}/evidence/E2`)).text();
    expect(hidden.replace(/E2|E99/g, "")).toBe(missing.replace(/E2|E99/g, ""));
  });

  it("shows a witness the evidence they were asked about, and nothing else of the candidate", async () => {
    expect((await get("tom", `${amira()}/evidence/E2`)).status).toBe(200);
    expect((await get("tom", `${amira()}/evidence/E4`)).status).toBe(404);
    expect((await get("tom", amira())).status).toBe(404);
    expect((await get("tom", "/pages/queue")).status).toBe(404);
  });

  it("filters the assessor's queue by candidate and unit, oldest first", async () => {
    const all = await (await get("priya", "/pages/queue")).text();
    expect(all).toContain("2 of 2 pieces");
    expect(all.indexOf("Saturday before Christmas")).toBeLessThan(all.indexOf("Hebden Bridge"));
    const byUnit = await (await get("priya", "/pages/queue?unit=101")).text();
    expect(byUnit).toContain("Hebden Bridge");
    expect(byUnit).not.toContain("Saturday before Christmas");
    const byCandidate = await (await get("priya", `/pages/queue?candidate=${app.id("amira")}`)).text();
    expect(byCandidate).toContain("Saturday before Christmas");
    expect(byCandidate).not.toContain("Hebden Bridge");
    expect((await get("grace", "/pages/queue")).status).toBe(404);
  });

  it("refuses a decision without the session's form token", async () => {
    const res = await post("priya", `${amira()}/evidence/E2/decision`, { version: "3", outcome: "assessed" });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("nothing was saved");
  });

  it("keeps what was typed when a decision is incomplete, and says what is missing", async () => {
    const { csrf } = await as("priya");
    const res = await post("priya", `${amira()}/evidence/E2/decision`, {
      _csrf: csrf,
      version: "3",
      outcome: "assessed",
      "decision:205.1.3": "accepted",
      "comment:205.1.3": "Good <b>empathy</b>",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Accept or reject 205.2.4");
    expect(html).toContain('value="Good &lt;b&gt;empathy&lt;/b&gt;"');
    expect(html).toMatch(/id="a-205-1-3"[^>]*value="accepted" checked/);
  });

  it("says the evidence changed since it was opened when the version is stale", async () => {
    const { csrf } = await as("priya");
    const res = await post("priya", `${amira()}/evidence/E2/decision`, {
      _csrf: csrf,
      version: "1",
      outcome: "referred",
      comment: "Please add more detail.",
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("has changed since you opened it, so nothing was saved");
  });

  it("escapes what people wrote", async () => {
    const draft = await createDraft(app.ctx, {
      candidateId: app.id("amira"),
      title: "<img src=x onerror=alert(1)>",
      text: "The customer typed <script>alert('hi')</script> & left",
      mapped: { criteria: [{ id: "205.2.2", support: { text: "<b>focus</b>" } }] },
    });
    await submitEvidence(app.ctx, { actorId: app.id("amira"), evidenceId: draft.id, version: draft.version });
    const html = await (await get("priya", `${amira()}/evidence/${draft.ref}`)).text();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;alert(&#39;hi&#39;)&lt;/script&gt; &amp; left");
    expect(html).toContain("&lt;b&gt;focus&lt;/b&gt;");
  });

  it("serves the documents to those the use cases allow, as attachments", async () => {
    const form = await get("priya", `${amira()}/units/205/recording-form.pdf`);
    expect(form.status).toBe(200);
    expect(form.headers.get("content-type")).toBe("application/pdf");
    expect(form.headers.get("content-disposition")).toMatch(
      /^attachment; filename="recording-form-amira-hussain-unit-205\.pdf"$/,
    );
    expect(
      Buffer.from(await form.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    expect((await get("grace", `${amira()}/witness-list.pdf`)).status).toBe(200);
    expect((await get("amira", `${amira()}/portfolio.json`)).status).toBe(200);
    expect((await get("dana", `${amira()}/portfolio.csv`)).status).toBe(200);
    // exportPortfolio is for the candidate and their centre's admin only
    expect((await get("priya", `${amira()}/portfolio.csv`)).status).toBe(404);
  });

  it("shows the verifier sample rates by unit and assessor, and no one else", async () => {
    const res = await get("grace", "/pages/verify");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Sample rates by unit and assessor");
    expect(html).toMatch(
      /Unit 205<\/a><\/th>\s*<td data-label="Assessor">Priya Shah<\/td><td data-label="Assessed">2<\/td><td data-label="Sampled">1<\/td><td data-label="Sample rate">50%/,
    );
    expect((await get("priya", "/pages/verify")).status).toBe(404);
    expect((await get("amira", "/pages/verify")).status).toBe(404);
  });

  it("sends security headers with every page", async () => {
    const res = await get("priya", "/pages/queue");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
