// Routes for issue 17's records on the pages: the assessor's five forms, signing and confirming, replies, expert witnesses.
import type { Express, Request, Response } from "express";
import { AppError, httpStatusOf, isAppError } from "../core/errors.ts";
import type { AssessmentMethod, SupplementaryKind } from "../core/record-types.ts";
import { SUPPLEMENTARY_KINDS } from "../core/record-types.ts";
import type { Portfolio } from "../portfolio/index.ts";
import type { PageHandler } from "./respond.ts";
import { expertWitnessPage } from "./views/expert-witness.ts";
import { paths, type Viewer } from "./views/layout.ts";
import {
  FORM_KINDS,
  type FormContext,
  type FormKind,
  QUESTION_ROWS,
  recordFormPage,
} from "./views/record-forms.ts";
import { recordPaths } from "./views/records.ts";

type Fields = Record<string, string | string[] | undefined>;
type Route = (handler: PageHandler) => (req: Request, res: Response) => Promise<void>;

export interface RecordRoutesDeps {
  portfolio: Portfolio;
  route: Route;
  /** Refuses a form without this session's CSRF token; true when it may go on. */
  checkForm: (req: Request, res: Response, viewer: Viewer) => boolean;
  form: import("express").RequestHandler;
  delivered: () => void;
}

const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));
const many = (v: string | string[] | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v : [v];
const ids = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
const web = { channel: "web" as const };
const eventOf = (fields: Fields) => (one(fields._event) ? { eventId: `page:${one(fields._event)}` } : {});

/** The supplementary evidence ticked or given a location. */
function supplementaryOf(fields: Fields): Array<{ kind: SupplementaryKind; location: string }> {
  const ticked = many(fields.supp);
  return SUPPLEMENTARY_KINDS.flatMap((kind) => {
    const location = one(fields[`supp-${kind}`]).trim();
    return ticked.includes(kind) || location ? [{ kind, location }] : [];
  });
}

export function mountRecordRoutes(app: Express, deps: RecordRoutesDeps): void {
  const { portfolio, route, checkForm, form, delivered } = deps;
  const base = "/pages/candidates/:candidateId";
  const candidateOf = (req: Request) => String(req.params.candidateId);
  const body = (req: Request) => (req.body ?? {}) as Fields;

  /** What a form page needs; "not found" unless the viewer is the candidate's assessor. */
  async function formContext(viewer: Viewer, candidateId: string, unit?: string): Promise<FormContext> {
    const enrolments = (await portfolio.enrolmentsOf(candidateId)).filter(
      (e) => viewer.person.roles.includes("assessor") && e.assessorId === viewer.person.id,
    );
    if (!enrolments.length)
      throw new AppError(
        "not_found",
        "We can't find that candidate among yours. Open your home page and choose one.",
      );
    const [records, assessment] = await Promise.all([
      portfolio.candidateRecords({ actor: { personId: viewer.person.id }, candidateId }),
      portfolio.assessmentRecords({ actorId: viewer.person.id, candidateId }),
    ]);
    const unitIds = [...new Set(enrolments.flatMap((e) => e.unitIds))];
    const units = unitIds.map((id): [string, string] => [id, portfolio.catalogue.unit(id)?.title ?? ""]);
    const unitId = unit && unitIds.includes(unit) ? unit : unitIds[0];
    return {
      candidateId,
      candidateName: records.candidate.name,
      units,
      ...(unitId ? { unitId } : {}),
      gaps: records.coverage.flatMap((c) => c.gaps).filter((g) => unitId && g.startsWith(`${unitId}:`)),
      evidence: records.evidence
        .filter((e) => e.status !== "draft")
        .map((e): [string, string] => [e.id, `Evidence ${e.ref} ${e.title}`]),
      people: assessment.mayBecomeExperts.map((p): [string, string] => [p.id, `${p.name} (${p.email})`]),
    };
  }

  const kindOf = (req: Request): FormKind => {
    const kind = String(req.params.kind) as FormKind;
    if (!FORM_KINDS.includes(kind))
      throw new AppError("not_found", "There is no such form. Open the candidate's page to choose one.");
    return kind;
  };

  app.get(
    `${base}/record/:kind`,
    route(async (req, res, viewer) => {
      const kind = kindOf(req);
      const unit = typeof req.query.unit === "string" ? req.query.unit : undefined;
      res.type("html").send(recordFormPage(viewer, kind, await formContext(viewer, candidateOf(req), unit)));
    }),
  );

  /** Saves one of the five forms; where it goes next, or the form again saying what to change. */
  async function save(kind: FormKind, viewer: Viewer, candidateId: string, f: Fields): Promise<string> {
    const actorId = viewer.person.id;
    const back = paths.portfolio(candidateId);
    const heldAt = one(f.heldAt);
    const location = one(f.location).trim();
    if (kind === "observation" || kind === "discussion") {
      if ((kind === "observation" || location) && !location)
        throw new AppError("bad_input", "Say where it took place, then record it again.");
      const common = {
        actorId,
        candidateId,
        text: one(f.text),
        ...(heldAt ? { heldAt } : {}),
        supplementary: supplementaryOf(f),
        source: "typed" as const,
        ...eventOf(f),
      };
      if (kind === "observation") {
        const made = await portfolio.recordObservation({ ...common, title: `Observation at ${location}` });
        return `${paths.evidence(candidateId, made.evidence.ref)}?saved=recorded`;
      }
      const questions: Array<{ question: string; answer: string }> = [];
      for (let i = 1; i <= QUESTION_ROWS; i++) {
        const question = one(f[`q${i}`]).trim();
        const answer = one(f[`a${i}`]).trim();
        if (question || answer) questions.push({ question, answer });
      }
      const method = one(f.method) === "oral_questioning" ? "oral_questioning" : "professional_discussion";
      const words = method === "oral_questioning" ? "Oral questioning" : "Professional discussion";
      const made = await portfolio.recordDiscussion({
        ...common,
        method,
        questions,
        title: `${words} at ${location}`,
      });
      return `${paths.evidence(candidateId, made.evidence.ref)}?saved=recorded`;
    }
    if (kind === "plan") {
      await portfolio.makeActionPlan({
        actorId,
        candidateId,
        unitId: one(f.unitId),
        skillsKnowledge: one(f.skillsKnowledge),
        methods: many(f.methods) as AssessmentMethod[],
        venue: one(f.venue),
        plannedAt: one(f.plannedAt),
        requirements: one(f.requirements),
        feedbackArrangements: one(f.feedbackArrangements),
        sign: one(f.sign) === "yes",
        ...web,
        ...eventOf(f),
      });
      return `${back}?saved=plan`;
    }
    if (kind === "feedback") {
      const [what, id] = one(f.on).split(":");
      await portfolio.giveFeedback({
        actorId,
        candidateId,
        ...(what === "evidence" ? { evidenceId: id ?? "" } : { unitId: id ?? "" }),
        skillsKnowledge: one(f.skillsKnowledge),
        text: one(f.text),
        outcome: one(f.outcome),
        sign: one(f.sign) === "yes",
        ...web,
        ...eventOf(f),
      });
      return `${back}?saved=feedback`;
    }
    const years = Number(one(f.experienceYears));
    const expert = await portfolio.recordExpertWitness({
      actor: { personId: actorId },
      personId: one(f.personId),
      position: one(f.position),
      site: one(f.site),
      unitIds: many(f.unitIds),
      experienceYears: Number.isFinite(years) ? years : 0,
      experience: one(f.experience),
      standardsKnowledge: one(f.standardsKnowledge),
      cpd: one(f.cpd),
      assessmentQualification: one(f.assessmentQualification),
    });
    return `${recordPaths.expert(expert.id)}?saved=recorded`;
  }

  app.post(
    `${base}/record/:kind`,
    form,
    route(async (req, res, viewer) => {
      if (!checkForm(req, res, viewer)) return;
      const kind = kindOf(req);
      const candidateId = candidateOf(req);
      const fields = body(req);
      try {
        const next = await save(kind, viewer, candidateId, fields);
        delivered();
        res.redirect(303, next);
      } catch (error) {
        if (!isAppError(error) || error.code === "not_found") throw error;
        const context = await formContext(viewer, candidateId, one(fields.unitId) || undefined);
        res
          .status(httpStatusOf(error))
          .type("html")
          .send(
            recordFormPage(viewer, kind, {
              ...context,
              previous: fields,
              notice: { text: error.message, error: true },
            }),
          );
      }
    }),
  );

  /** A one-step action from a button: do it, tell the people it concerns, go back with a notice. */
  const action = (path: string, run: (req: Request, viewer: Viewer, f: Fields) => Promise<string>) =>
    app.post(
      path,
      form,
      route(async (req, res, viewer) => {
        if (!checkForm(req, res, viewer)) return;
        const next = await run(req, viewer, body(req));
        delivered();
        res.redirect(303, next);
      }),
    );

  /** "Not found" when a record is asked for under another candidate's address. */
  const sameCandidate = (req: Request, candidateId: string, what: string) => {
    if (candidateId !== candidateOf(req))
      throw new AppError(
        "not_found",
        `We can't find that ${what}. Open the candidate's portfolio and try again from there.`,
      );
  };

  action(`${base}/plans/:planId/sign`, async (req, viewer) => {
    const plan = await portfolio.signActionPlan({
      actorId: viewer.person.id,
      planId: String(req.params.planId),
      ...web,
    });
    sameCandidate(req, plan.candidateId, "action plan");
    return `${paths.portfolio(plan.candidateId)}?saved=plan-signed`;
  });
  action(`${base}/feedback/:feedbackId/sign`, async (req, viewer) => {
    const id = String(req.params.feedbackId);
    const seen = await portfolio.readFeedback({ actor: { personId: viewer.person.id }, feedbackId: id });
    sameCandidate(req, seen.candidateId, "feedback");
    await portfolio.signFeedback({ actorId: viewer.person.id, feedbackId: id, ...web });
    return `${paths.portfolio(seen.candidateId)}?saved=feedback-signed`;
  });
  action(`${base}/feedback/:feedbackId/reply`, async (req, viewer, f) => {
    const id = String(req.params.feedbackId);
    const replied = await portfolio.replyToFeedback({
      actorId: viewer.person.id,
      feedbackId: id,
      text: one(f.text),
    });
    sameCandidate(req, replied.candidateId, "feedback");
    return `${paths.portfolio(replied.candidateId)}?saved=replied`;
  });
  action(`${base}/statements/:statementId/sign`, async (req, viewer) => {
    const signed = await portfolio.signExpertStatement({
      actorId: viewer.person.id,
      statementId: String(req.params.statementId),
      ...web,
    });
    sameCandidate(req, signed.candidateId, "expert witness statement");
    return `${paths.evidence(signed.candidateId, signed.evidenceRef)}?saved=statement-signed`;
  });

  // the expert witness's own page
  const expertPath = "/pages/expert-witnesses/:expertWitnessId";
  async function showExpert(
    req: Request,
    res: Response,
    viewer: Viewer,
    extra: { previous?: Record<string, string>; notice?: { text: string; error?: boolean } } = {},
    status = 200,
  ) {
    const { expert, candidates } = await portfolio.expertWitnessPage({
      actorId: viewer.person.id,
      expertWitnessId: String(req.params.expertWitnessId),
    });
    const p = viewer.person;
    const mayConfirm =
      p.id !== expert.personId &&
      p.centreId === expert.centreId &&
      (p.roles.includes("admin") || p.roles.includes("internal_verifier"));
    const saved = typeof req.query.saved === "string" ? EXPERT_SAVED[req.query.saved] : undefined;
    const notice = extra.notice ?? (saved ? { text: saved } : undefined);
    res
      .status(status)
      .type("html")
      .send(
        expertWitnessPage(viewer, expert, {
          candidates,
          mayConfirm,
          ...(extra.previous ? { previous: extra.previous } : {}),
          ...(notice ? { notice } : {}),
        }),
      );
  }
  app.get(
    expertPath,
    route(async (req, res, viewer) => showExpert(req, res, viewer)),
  );
  action(`${expertPath}/sign`, async (req, viewer) => {
    const x = await portfolio.signExpertWitnessRecord({
      actorId: viewer.person.id,
      expertWitnessId: String(req.params.expertWitnessId),
      ...web,
    });
    return `${recordPaths.expert(x.id)}?saved=signed`;
  });
  action(`${expertPath}/confirm`, async (req, viewer) => {
    const x = await portfolio.confirmExpertWitness({
      actorId: viewer.person.id,
      expertWitnessId: String(req.params.expertWitnessId),
      ...web,
    });
    return `${recordPaths.expert(x.id)}?saved=confirmed`;
  });
  app.post(
    `${expertPath}/statement`,
    form,
    route(async (req, res, viewer) => {
      if (!checkForm(req, res, viewer)) return;
      const f = body(req);
      try {
        const attached = await portfolio.attachExpertStatement({
          actorId: viewer.person.id,
          candidateId: one(f.candidateId),
          unitId: one(f.unitId),
          venue: one(f.venue),
          occurredAt: one(f.occurredAt),
          activity: one(f.activity),
          text: one(f.text),
          criteria: ids(one(f.criteria)),
          relationship: one(f.relationship),
          ...(one(f.contact).trim() ? { contact: one(f.contact) } : {}),
          ...eventOf(f),
          ...web,
        });
        delivered();
        res.redirect(303, `${recordPaths.expert(attached.statement.witness.id)}?saved=statement`);
      } catch (error) {
        if (!isAppError(error)) throw error;
        const previous = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, one(v)]));
        await showExpert(
          req,
          res,
          viewer,
          { previous, notice: { text: error.message, error: true } },
          httpStatusOf(error),
        );
      }
    }),
  );
}

const EXPERT_SAVED: Record<string, string> = {
  recorded:
    "Saved: the expert witness is recorded. They sign their record here next, then the centre confirms it.",
  signed: "Signed: your record is waiting for the centre to confirm it.",
  confirmed: "Confirmed for the centre: the expert witness can now give statements.",
  statement:
    "Sent: your statement is filed for the candidate’s assessor, and the candidate is asked to sign it.",
};
