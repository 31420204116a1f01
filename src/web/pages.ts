// The assessor, verifier and candidate pages: routes that call the portfolio use cases and render server-side HTML.
import { resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import express, { type Express, type Request, type Response } from "express";
import type { WebConfig } from "../core/config.ts";
import { AppError, httpStatusOf, isAppError } from "../core/errors.ts";
import {
  evidenceNotFound,
  isAssignedAssessor,
  isCentreAdmin,
  isCentreVerifier,
  type Portfolio,
} from "../portfolio/index.ts";
import { csrfValid, readSession } from "./auth/session.ts";
import { mountAuth } from "./auth-routes.ts";
import { mountDownloads } from "./download-routes.ts";
import { fileLinks, mountFileRoutes } from "./file-routes.ts";
import { html } from "./html.ts";
import { mountRecordRoutes } from "./record-routes.ts";
import { currentViewer, localMode, pageHeaders, param, sendError, signedIn } from "./respond.ts";
import { mountTab } from "./tab-routes.ts";
import { type EvidenceForms, evidencePage } from "./views/evidence.ts";
import { assessorRecordPart, expertStatementPart } from "./views/evidence-records.ts";
import { paths, type Viewer } from "./views/layout.ts";
import { matrixPage } from "./views/matrix.ts";
import { portfolioPage } from "./views/portfolio.ts";
import { queuePage } from "./views/queue.ts";
import { recordLinks, recordsSection, waitingForCandidate } from "./views/records.ts";
import { errorPage, homePage } from "./views/simple.ts";
import { verifyPage } from "./views/verify.ts";

export { signLink } from "./signed-link.ts";

export interface PagesDeps {
  config: WebConfig;
  portfolio: Portfolio;
  /** Called after a decision or a sample is saved, so the people it tells hear of it at once (the outbox holds it). */
  afterChange?: () => Promise<void>;
}

const assetsDir = fileURLToPath(new URL("./assets/", import.meta.url));
const form = express.urlencoded({ extended: false, limit: "100kb", parameterLimit: 500 });

const SAVED: Record<string, (ref: string) => string> = {
  assessed: (ref) => `Saved: ${ref} is assessed. The unit recording forms are up to date.`,
  referred: (ref) => `Saved: ${ref} is referred back to the candidate with your comment.`,
  sampled: (ref) => `Saved: your sample of ${ref} is recorded.`,
  unsampled: (ref) => `Nothing recorded: ${ref} stays unsampled.`,
  recorded: (ref) =>
    `Recorded as ${ref}. Check Shiftnote's suggestions below: untick what the record does not show, add what it missed, then sign it.`,
  signed: (ref) => `Signed: ${ref} now waits for the candidate to confirm it.`,
  confirmed: (ref) => `Confirmed: ${ref} is assessed, signed by you and your assessor.`,
  "statement-signed": (ref) => `Signed: your signature is on the expert witness statement ${ref}.`,
};

/** Notices on a candidate's page after one of issue 17's records is saved. */
const RECORD_SAVED: Record<string, string> = {
  plan: "Saved: the assessment action plan is made. The candidate is asked to sign it.",
  "plan-signed": "Signed: your signature is on the assessment action plan.",
  feedback: "Saved: the feedback is given. The candidate is asked to read and sign it.",
  "feedback-signed": "Signed: your signature is on the feedback.",
  replied: "Sent: your reply is with your assessor.",
};

/** Mounts /auth/*, /pages/* and the Teams tab (/tab/*) on the app. */
export function mountPages(app: Express, deps: PagesDeps): void {
  const { config, portfolio } = deps;
  const { catalogue } = portfolio;
  const route = (handler: Parameters<typeof signedIn>[2]) => signedIn(config, portfolio, handler);
  /** Delivery failures never undo a saved change: the outbox keeps what was not sent, for the next pass. */
  const delivered = () => deps.afterChange?.().catch(() => {});

  // The Teams tab serves these same routes under /tab, so it is mounted first.
  mountTab(app, { config, portfolio });
  app.use(["/pages", "/auth"], pageHeaders);
  app.use("/pages/assets", express.static(assetsDir, { index: false, maxAge: "1h" }));
  mountAuth(app, { config, portfolio });
  mountDownloads(app, { config, portfolio });

  app.get("/pages", async (req, res) => {
    let viewer: Viewer | undefined;
    try {
      viewer = await currentViewer(req, config, portfolio);
      if (!viewer) {
        if (localMode(config)) res.redirect(303, "/pages/demo");
        else signedIn(config, portfolio, async () => {})(req, res);
        return;
      }
      const candidates = await portfolio.myCandidates({ actorId: viewer.person.id });
      const waiting = viewer.person.roles.includes("assessor")
        ? (await portfolio.work({ actorId: viewer.person.id })).toAssess.length
        : null;
      const expert = await portfolio.myExpertWitnessRecord({ actorId: viewer.person.id });
      res.type("html").send(homePage(viewer, candidates, waiting, undefined, expert?.id));
    } catch (error) {
      sendError(res, error, viewer);
    }
  });

  app.get(
    "/pages/queue",
    route(async (req, res, viewer) => {
      if (!viewer.person.roles.includes("assessor"))
        throw new AppError("not_found", "There is no assessment queue for you: only assessors have one.");
      const filters = { candidateId: param(req.query.candidate), unitId: param(req.query.unit) };
      const queue = await portfolio.assessorQueue({ actorId: viewer.person.id, ...filters });
      res.type("html").send(queuePage(viewer, queue, filters));
    }),
  );

  app.get(
    "/pages/verify",
    route(async (req, res, viewer) => {
      const filters = { unitId: param(req.query.unit), assessorId: param(req.query.assessor) };
      const overview = await portfolio.samplingOverview({ actorId: viewer.person.id, ...filters });
      res.type("html").send(verifyPage(viewer, overview, filters));
    }),
  );

  app.get(
    "/pages/candidates/:candidateId",
    route(async (req, res, viewer) => {
      const candidateId = String(req.params.candidateId);
      const records = await portfolio.candidateRecords({
        actor: { personId: viewer.person.id },
        candidateId,
      });
      // the same rule as exportPortfolio: the candidate themselves or an admin of their centre
      const mayExportAll =
        viewer.person.id === candidateId || isCentreAdmin(viewer.person, records.candidate.centreId);
      const assessment = await portfolio.assessmentRecords({ actorId: viewer.person.id, candidateId });
      const isAssessor =
        viewer.person.roles.includes("assessor") &&
        records.enrolments.some((e) => e.assessorId === viewer.person.id);
      const saved = RECORD_SAVED[param(req.query.saved) ?? ""];
      res.type("html").send(
        portfolioPage(viewer, records, catalogue, {
          mayExportAll,
          ...(saved ? { notice: { text: saved } } : {}),
          before: html`${viewer.person.id === candidateId ? waitingForCandidate(viewer, assessment) : ""}${isAssessor ? recordLinks(candidateId) : ""}`,
          after: recordsSection(viewer, candidateId, assessment),
        }),
      );
    }),
  );

  app.get(
    "/pages/candidates/:candidateId/units/:unitId",
    route(async (req, res, viewer) => {
      const recording = await portfolio.recordingForm({
        actor: { personId: viewer.person.id },
        candidateId: String(req.params.candidateId),
        unitId: String(req.params.unitId),
      });
      res.type("html").send(matrixPage(viewer, recording));
    }),
  );

  /** Renders the evidence page; `forms` carries a notice and the values of a refused form. */
  async function showEvidence(
    req: Request,
    res: Response,
    viewer: Viewer,
    extra: Pick<EvidenceForms, "notice" | "previous"> & {
      recordPrevious?: Record<string, string | string[]>;
    } = {},
    status = 200,
  ) {
    const evidenceId = await evidenceIdOf(req);
    const data = await portfolio.evidenceWithTrail({ actorId: viewer.person.id, evidenceId });
    const e = data.evidence;
    const saved = param(req.query.saved);
    const notice = extra.notice ?? (saved && SAVED[saved] ? { text: SAVED[saved](e.ref) } : undefined);
    const parts = await portfolio.evidenceRecordParts({ actorId: viewer.person.id, evidenceId: e.id });
    const forms: EvidenceForms = {
      canDecide: e.status === "submitted" && isAssignedAssessor(viewer.person, e) && !parts.observation,
      canSample: e.status === "assessed" && isCentreVerifier(viewer.person, e),
      ...(audioKey(e) ? { audioUrl: `${paths.evidence(e.candidateId, e.ref)}/audio` } : {}),
      files: await fileLinks(portfolio, viewer, e.id, paths.evidence(e.candidateId, e.ref)),
      ...(notice ? { notice } : {}),
      ...(extra.previous ? { previous: extra.previous } : {}),
      ...(parts.statement ? { expert: true } : {}),
      hideClaims:
        !!parts.observation &&
        parts.observation.record.assessorId === viewer.person.id &&
        !parts.observation.assessorSignature &&
        e.status === "submitted",
      parts: html`${parts.observation ? assessorRecordPart(viewer, parts.observation, extra.recordPrevious) : ""}${parts.statement ? expertStatementPart(viewer, parts.statement) : ""}`,
    };
    res
      .status(status)
      .type("html")
      .send(evidencePage(viewer, data, catalogue, forms));
  }

  /** The evidence id behind a candidate's reference; "not found" when there is none (access is checked after). */
  async function evidenceIdOf(req: Request): Promise<string> {
    return portfolio.evidenceIdByRef(String(req.params.candidateId), String(req.params.ref));
  }

  const evidencePath = "/pages/candidates/:candidateId/evidence/:ref";
  app.get(
    evidencePath,
    route(async (req, res, viewer) => showEvidence(req, res, viewer)),
  );

  mountFileRoutes(app, { portfolio, evidencePath, route, evidenceIdOf });
  app.get(
    `${evidencePath}/audio`,
    route(async (req, res, viewer) => {
      const data = await portfolio.evidenceWithTrail({
        actorId: viewer.person.id,
        evidenceId: await evidenceIdOf(req),
      });
      const key = audioKey(data.evidence);
      const root = resolve(config.SHIFTNOTE_FILES_DIR);
      const file = key ? resolve(root, key) : "";
      if (!key || !file.startsWith(root + sep))
        throw new AppError("not_found", "There is no voice note with this evidence.");
      res.sendFile(file, { headers: { "Cache-Control": "private, no-store" } }, (error) => {
        if (error && !res.headersSent)
          sendError(res, new AppError("not_found", "The voice note is no longer kept."), viewer);
      });
    }),
  );

  /** Refuses a form without this session's CSRF token; answers true when it may go on. */
  function checkForm(req: Request, res: Response, viewer: Viewer): boolean {
    const session = readSession(req, config);
    if (session && csrfValid(config, session, (req.body as Record<string, unknown>)?._csrf)) return true;
    res
      .status(403)
      .type("html")
      .send(
        errorPage(
          "Please try again",
          "This form was out of date or did not come from Shiftnote, so nothing was saved. Open the page again and try once more.",
          viewer,
        ),
      );
    return false;
  }

  const body = (req: Request) => (req.body ?? {}) as Record<string, string>;

  app.post(
    `${evidencePath}/decision`,
    form,
    route(async (req, res, viewer) => {
      if (!checkForm(req, res, viewer)) return;
      const fields = body(req);
      const outcome = fields.outcome === "referred" ? "referred" : "assessed";
      try {
        const evidenceId = await evidenceIdOf(req);
        await portfolio.decideFromForm({
          actorId: viewer.person.id,
          evidenceId,
          version: Number(fields.version),
          outcome,
          fields,
          comment: fields.comment ?? "",
          ...(fields._event ? { eventId: `page:${fields._event}` } : {}),
        });
        void delivered();
        res.redirect(
          303,
          `${paths.evidence(String(req.params.candidateId), String(req.params.ref))}?saved=${outcome}`,
        );
      } catch (error) {
        await refusedForm(req, res, viewer, error, fields);
      }
    }),
  );

  app.post(
    `${evidencePath}/sample`,
    form,
    route(async (req, res, viewer) => {
      if (!checkForm(req, res, viewer)) return;
      const fields = body(req);
      const back = paths.evidence(String(req.params.candidateId), String(req.params.ref));
      try {
        const evidenceId = await evidenceIdOf(req);
        if (fields.sampled === "no") {
          // nothing to record, but only someone who could have sampled it is told so
          const data = await portfolio.evidenceWithTrail({ actorId: viewer.person.id, evidenceId });
          if (!isCentreVerifier(viewer.person, data.evidence)) throw evidenceNotFound();
          res.redirect(303, `${back}?saved=unsampled`);
          return;
        }
        await portfolio.sample({
          actorId: viewer.person.id,
          evidenceId,
          version: Number(fields.version),
          outcome: fields.countersign === "yes" ? "agreed" : "disagreed",
          comment: fields.comment ?? "",
          ...(fields._event ? { eventId: `page:${fields._event}` } : {}),
        });
        void delivered();
        res.redirect(303, `${back}?saved=sampled`);
      } catch (error) {
        await refusedForm(req, res, viewer, error, fields);
      }
    }),
  );

  app.post(
    `${evidencePath}/sign`,
    form,
    route(async (req, res, viewer) => {
      if (!checkForm(req, res, viewer)) return;
      const fields = (req.body ?? {}) as Record<string, string | string[]>;
      const kept = new Set(([] as string[]).concat(fields.keep ?? []));
      try {
        const evidenceId = await evidenceIdOf(req);
        const parts = await portfolio.evidenceRecordParts({ actorId: viewer.person.id, evidenceId });
        const suggested = parts.observation?.standards.map((s) => s.targetId) ?? [];
        const add = String(fields.add ?? "")
          .split(/[\s,;]+/)
          .filter((id) => id && !suggested.includes(id));
        await portfolio.signObservation({
          actorId: viewer.person.id,
          evidenceId,
          version: Number(fields.version),
          removeClaims: suggested.filter((id) => !kept.has(id)),
          addClaims: add.map((id) => ({ id })),
          channel: "web",
          ...(typeof fields._event === "string" && fields._event ? { eventId: `page:${fields._event}` } : {}),
        });
        void delivered();
        res.redirect(
          303,
          `${paths.evidence(String(req.params.candidateId), String(req.params.ref))}?saved=signed`,
        );
      } catch (error) {
        if (!isAppError(error) || error.code === "not_found") throw error;
        const keep = error.code === "bad_input";
        await showEvidence(
          req,
          res,
          viewer,
          { notice: { text: error.message, error: true }, ...(keep ? { recordPrevious: fields } : {}) },
          httpStatusOf(error),
        );
      }
    }),
  );

  app.post(
    `${evidencePath}/confirm`,
    form,
    route(async (req, res, viewer) => {
      if (!checkForm(req, res, viewer)) return;
      const fields = body(req);
      try {
        const evidenceId = await evidenceIdOf(req);
        await portfolio.confirmObservation({
          actorId: viewer.person.id,
          evidenceId,
          version: Number(fields.version),
          channel: "web",
          ...(fields._event ? { eventId: `page:${fields._event}` } : {}),
        });
        void delivered();
        res.redirect(
          303,
          `${paths.evidence(String(req.params.candidateId), String(req.params.ref))}?saved=confirmed`,
        );
      } catch (error) {
        await refusedForm(req, res, viewer, error, {});
      }
    }),
  );

  mountRecordRoutes(app, { portfolio, route, checkForm, form, delivered: () => void delivered() });

  /** A refused decision or sample: the page again, saying why, with what was typed (unless the record changed). */
  async function refusedForm(
    req: Request,
    res: Response,
    viewer: Viewer,
    error: unknown,
    fields: Record<string, string>,
  ) {
    if (!isAppError(error) || error.code === "not_found") throw error;
    const keep = error.code === "bad_input";
    await showEvidence(
      req,
      res,
      viewer,
      { notice: { text: error.message, error: true }, ...(keep ? { previous: fields } : {}) },
      httpStatusOf(error),
    );
  }
}

/** The stored voice note of a piece of evidence, when the record has one (`audioPath`, relative to the files area). */
function audioKey(evidence: object): string | undefined {
  const key = (evidence as { audioPath?: unknown }).audioPath;
  return typeof key === "string" && key && !key.includes("..") ? key : undefined;
}
