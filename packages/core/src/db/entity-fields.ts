/** Attributes every record carries: ownership scope, optimistic-concurrency version and timestamps. */
export const recordFields = {
  teamId: { type: "string", required: true },
  version: { type: "number", required: true },
  createdAt: { type: "string", required: true },
  updatedAt: { type: "string", required: true },
  createdBy: { type: "string", required: true },
} as const;

export const ownerField = { ownerId: { type: "string" } } as const;
