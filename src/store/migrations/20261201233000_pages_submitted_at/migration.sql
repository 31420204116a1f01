-- AlterTable
ALTER TABLE "evidence" ADD COLUMN     "submitted_at" TIMESTAMP(3);

-- Evidence filed before this column: its last submission is in the audit trail.
UPDATE "evidence" e SET "submitted_at" = a.at
  FROM (SELECT entity_id, max(at) AS at FROM "audit_event"
         WHERE action IN ('evidence.submitted', 'evidence.resubmitted') GROUP BY entity_id) a
 WHERE a.entity_id = e.id;
