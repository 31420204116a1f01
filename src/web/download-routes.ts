// Download routes: the recording form, assessment report and witness list as PDF, the portfolio as CSV or JSON.
import type { Express, Response } from "express";
import type { WebConfig } from "../core/config.ts";
import type { Document, Portfolio } from "../portfolio/index.ts";
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
