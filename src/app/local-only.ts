// Guards the speak-as-anyone routes (the playground and the demo sign-in): a loopback Host header, audio-only uploads.
import type { Express, NextFunction, Request, Response } from "express";
import { isLoopbackHostHeader } from "../core/loopback.ts";

/** The paths that exist only in local mode. */
const isLocalOnlyPath = (path: string): boolean =>
  path === "/" || path === "/playground" || path.startsWith("/playground/") || path === "/pages/demo";

/**
 * What the voice upload accepts: audio, the containers browsers record audio in, and application/octet-stream
 * (a file with no known type). None of these is a type a form on another site can send without the browser
 * asking first (only text/plain, urlencoded and multipart are), so a cross-site form can't file evidence.
 */
export function isAudioContentType(header: string | undefined): boolean {
  const type = (header ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  return (
    /^audio\/[a-z0-9.+-]+$/.test(type) ||
    /^video\/(webm|mp4|ogg|quicktime)$/.test(type) ||
    type === "application/octet-stream"
  );
}

/** Refuses a local-only route reached by another name (DNS rebinding), and a voice upload that is not audio. */
export function mountLocalOnlyGuard(app: Express): void {
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (!isLocalOnlyPath(req.path)) return next();
    if (!isLoopbackHostHeader(req.get("host"), req.socket.localPort)) {
      res
        .status(403)
        .type("text")
        .send(
          "The playground answers only at http://127.0.0.1, http://localhost or http://[::1] on this machine.",
        );
      return;
    }
    if (
      req.method === "POST" &&
      req.path === "/playground/api/voice" &&
      !isAudioContentType(req.get("content-type"))
    ) {
      res.status(415).json({
        error: "Send the voice note as audio (such as audio/webm or audio/mp4), or type your account.",
      });
      return;
    }
    next();
  });
}
