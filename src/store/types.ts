// The store returns the ground floor's plain record types: no Prisma type leaves src/store.
export * from "../core/types.ts";
