// Download routes: the recording form, assessment report, witness list and issue 17's forms as PDF, the portfolio as CSV or JSON.
import type { Express, Request, Response } from "express";
import type { WebConfig } from "../core/config.ts";
import { AppError } from "../core/errors.ts";
import type { Document, Portfolio, AssessmentRecords as RecordsOf } from "../portfolio/index.ts";
import { signedIn } from "./respond.ts";

function sendDocument(res: Response, doc: Document): void {
  res.set({
    "Content-Type": doc.contentType,
    "Content-Disposition": `attachment; filename="${doc.filename.replace(/[^\w.-]/g, "_")}"`,
    "Content-Length": String(doc.bytes.length),
  });
  res.end(doc.bytes);
}

export function mountDownloads(app: Express, deps: { config: WebConfig; portfolio: Portfolio }): void {
  const { config, portfolio } = deps;
  const route = (handler: Parameters<typeof signedIn>[2]) => signedIn(config, portfolio, handler);
  const base = "/pages/candidates/:candidateId";

  app.get(
    `${base}/units/:unitId/recording-form.pdf`,
    route(async (req, res, viewer) => {
      const candidateId = String(req.params.candidateId);
      const unitId = String(req.params.unitId);
      sendDocument(
        res,
        await portfolio.recordingFormDocument({ actor: { personId: viewer.person.id }, candidateId, unitId }),
      );
    }),
  );
  app.get(
    `${base}/units/:unitId/assessment-report.pdf`,
    route(async (req, res, viewer) => {
      const candidateId = String(req.params.candidateId);
      const unitId = String(req.params.unitId);
      sendDocument(
        res,
        await portfolio.assessmentReportDocument({
          actor: { personId: viewer.person.id },
          candidateId,
          unitId,
        }),
      );
    }),
  );
  app.get(
    `${base}/witness-list.pdf`,
    route(async (req, res, viewer) => {
      const candidateId = String(req.params.candidateId);
      sendDocument(
        res,
        await portfolio.witnessListDocument({ actor: { personId: viewer.person.id }, candidateId }),
      );
    }),
  );
  // issue 17's forms: each use case answers "not found" to anyone who may not see the candidate's records
  const actor = (viewerId: string) => ({ personId: viewerId });
  /** The candidate's own records, so that a record is only served under its candidate's address. */
  const belongs = async (req: Request, viewerId: string, has: (r: RecordsOf) => boolean, what: string) => {
    const records = await portfolio.assessmentRecords({
      actorId: viewerId,
      candidateId: String(req.params.candidateId),
    });
    if (!has(records))
      throw new AppError(
        "not_found",
        `We can't find that ${what}. Open the candidate's portfolio and try again from there.`,
      );
  };
  app.get(
    `${base}/evidence/:ref/observation-record.pdf`,
    route(async (req, res, viewer) => {
      sendDocument(
        res,
        await portfolio.assessorRecordDocument({
          actorId: viewer.person.id,
          candidateId: String(req.params.candidateId),
          ref: String(req.params.ref),
        }),
      );
    }),
  );
  app.get(
    `${base}/plans/:planId/action-plan.pdf`,
    route(async (req, res, viewer) => {
      const planId = String(req.params.planId);
      await belongs(req, viewer.person.id, (r) => r.plans.some((p) => p.id === planId), "action plan");
      sendDocument(res, await portfolio.actionPlanDocument({ actor: actor(viewer.person.id), planId }));
    }),
  );
  app.get(
    `${base}/feedback/:feedbackId/feedback.pdf`,
    route(async (req, res, viewer) => {
      const feedbackId = String(req.params.feedbackId);
      await belongs(req, viewer.person.id, (r) => r.feedback.some((f) => f.id === feedbackId), "feedback");
      sendDocument(res, await portfolio.feedbackDocument({ actor: actor(viewer.person.id), feedbackId }));
    }),
  );
  app.get(
    `${base}/statements/:statementId/statement.pdf`,
    route(async (req, res, viewer) => {
      const statementId = String(req.params.statementId);
      await belongs(
        req,
        viewer.person.id,
        (r) => r.statements.some((s) => s.id === statementId),
        "expert witness statement",
      );
      sendDocument(
        res,
        await portfolio.expertStatementDocument({ actor: actor(viewer.person.id), statementId }),
      );
    }),
  );
  app.get(
    `${base}/statements/:statementId/expert-witness-record.pdf`,
    route(async (req, res, viewer) => {
      sendDocument(
        res,
        await portfolio.statementWitnessRecordDocument({
          actorId: viewer.person.id,
          candidateId: String(req.params.candidateId),
          statementId: String(req.params.statementId),
        }),
      );
    }),
  );
  app.get(
    "/pages/expert-witnesses/:expertWitnessId/record.pdf",
    route(async (req, res, viewer) => {
      sendDocument(
        res,
        await portfolio.expertWitnessRecordDocument({
          actor: actor(viewer.person.id),
          expertWitnessId: String(req.params.expertWitnessId),
        }),
      );
    }),
  );
  for (const format of ["csv", "json"] as const)
    app.get(
      `${base}/portfolio.${format}`,
      route(async (req, res, viewer) => {
        const candidateId = String(req.params.candidateId);
        sendDocument(
          res,
          await portfolio.portfolioDocument({ actor: { personId: viewer.person.id }, candidateId, format }),
        );
      }),
    );
}
