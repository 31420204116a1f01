// Downloads of the photos and documents kept with evidence, for people who may see that evidence only.
import type { Express, Request, Response } from "express";
import { AppError } from "../core/errors.ts";
import { type Portfolio, previewable } from "../portfolio/index.ts";
import { sendError } from "./respond.ts";
import type { EvidenceFileLink } from "./views/evidence-files.ts";
import type { Viewer } from "./views/layout.ts";

type Route = (
  handler: (req: Request, res: Response, viewer: Viewer) => Promise<void>,
) => (req: Request, res: Response) => Promise<void>;

/** The links the evidence page shows for its files. */
export async function fileLinks(
  portfolio: Portfolio,
  viewer: Viewer,
  evidenceId: string,
  evidenceUrl: string,
): Promise<EvidenceFileLink[]> {
  const files = await portfolio.evidenceFiles({ actorId: viewer.person.id, evidenceId });
  return files.map((f) => ({
    name: f.name,
    url: `${evidenceUrl}/files/${encodeURIComponent(f.id)}`,
    bytes: f.bytes,
    preview: previewable(f.mimeType),
  }));
}

/** `GET <evidence>/files/:fileId`: the file as an attachment (or inline for an image preview), never cached. */
export function mountFileRoutes(
  app: Express,
  deps: {
    portfolio: Portfolio;
    evidencePath: string;
    route: Route;
    evidenceIdOf: (req: Request) => Promise<string>;
  },
): void {
  app.get(
    `${deps.evidencePath}/files/:fileId`,
    deps.route(async (req, res, viewer) => {
      const file = await deps.portfolio.evidenceFileDownload({
        actorId: viewer.person.id,
        evidenceId: await deps.evidenceIdOf(req),
        fileId: String(req.params.fileId),
      });
      const inline = req.query.inline === "1" && previewable(file.mimeType);
      res.attachment(file.name);
      if (inline) res.set("Content-Disposition", "inline");
      res.sendFile(
        file.path,
        {
          headers: {
            "Content-Type": file.mimeType,
            "Cache-Control": "private, no-store",
            "X-Content-Type-Options": "nosniff",
          },
        },
        (error) => {
          if (error && !res.headersSent)
            sendError(res, new AppError("not_found", "That file is no longer kept."), viewer);
        },
      );
    }),
  );
}
