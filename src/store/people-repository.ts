// Centres, people, their roles and chat identities: reads and writes, nothing else.
import type { Db } from "./db.ts";
import type { CentreRecord, Channel, ChatIdentityRecord, PersonRecord, Role } from "./types.ts";

const centreSelect = { id: true, name: true, number: true } as const;

const personSelect = {
  id: true,
  centreId: true,
  email: true,
  name: true,
  jobTitle: true,
  roles: true,
  erasedAt: true,
} as const;

/** A person as the database keeps them: erasure is a date there, a flag in the record. */
type PersonRow = Omit<PersonRecord, "erased"> & { erasedAt: Date | null };

const toPerson = (row: PersonRow): PersonRecord => ({
  id: row.id,
  centreId: row.centreId,
  email: row.email,
  name: row.name,
  jobTitle: row.jobTitle,
  roles: [...row.roles],
  erased: row.erasedAt !== null,
});

export class PeopleRepository {
  constructor(private readonly db: Db) {}

  async createCentre(name: string): Promise<CentreRecord> {
    return this.db.centre.create({ data: { name }, select: centreSelect });
  }

  async centreByName(name: string): Promise<CentreRecord | null> {
    return this.db.centre.findUnique({ where: { name }, select: centreSelect });
  }

  async centres(): Promise<CentreRecord[]> {
    return this.db.centre.findMany({ select: centreSelect, orderBy: { name: "asc" } });
  }

  async centreById(id: string): Promise<CentreRecord | null> {
    return this.db.centre.findUnique({ where: { id }, select: centreSelect });
  }

  async setCentreNumber(id: string, number: string | null): Promise<CentreRecord> {
    return this.db.centre.update({ where: { id }, data: { number }, select: centreSelect });
  }

  async createPerson(input: {
    centreId: string;
    email: string;
    name: string;
    jobTitle?: string | null;
    roles: Role[];
  }): Promise<PersonRecord> {
    const row = await this.db.person.create({
      data: {
        centreId: input.centreId,
        email: input.email.toLowerCase(),
        name: input.name,
        jobTitle: input.jobTitle ?? null,
        roles: [...new Set(input.roles)],
      },
      select: personSelect,
    });
    return toPerson(row);
  }

  async setRoles(personId: string, roles: Role[]): Promise<PersonRecord> {
    const row = await this.db.person.update({
      where: { id: personId },
      data: { roles: [...new Set(roles)] },
      select: personSelect,
    });
    return toPerson(row);
  }

  /** Every use case starts here, so it is one plain query rather than an ORM call. */
  async byId(id: string): Promise<PersonRecord | null> {
    const rows = await this.db.$queryRaw<
      Array<{
        id: string;
        centre_id: string;
        email: string;
        name: string;
        job_title: string | null;
        roles: Role[];
        erased: boolean;
      }>
    >`SELECT id, centre_id, email, name, job_title, roles::text[] AS roles, erased_at IS NOT NULL AS erased
        FROM person WHERE id = ${id}`;
    const row = rows[0];
    return row
      ? {
          id: row.id,
          centreId: row.centre_id,
          email: row.email,
          name: row.name,
          jobTitle: row.job_title,
          roles: [...row.roles],
          erased: row.erased,
        }
      : null;
  }

  async byIds(ids: string[]): Promise<PersonRecord[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.person.findMany({
      where: { id: { in: [...new Set(ids)] } },
      select: personSelect,
    });
    return rows.map(toPerson);
  }

  async byEmail(email: string): Promise<PersonRecord | null> {
    const row = await this.db.person.findUnique({
      where: { email: email.toLowerCase() },
      select: personSelect,
    });
    return row ? toPerson(row) : null;
  }

  /** How many people there are (the demo is loaded into an empty database). */
  async count(): Promise<number> {
    return this.db.person.count();
  }

  /** Everyone, oldest first (the playground's list of people to speak as). */
  async everyone(): Promise<PersonRecord[]> {
    const rows = await this.db.person.findMany({ select: personSelect, orderBy: { createdAt: "asc" } });
    return rows.map(toPerson);
  }

  async inCentre(centreId: string): Promise<PersonRecord[]> {
    const rows = await this.db.person.findMany({
      where: { centreId },
      select: personSelect,
      orderBy: { createdAt: "asc" },
    });
    return rows.map(toPerson);
  }

  /** The person behind a Teams or Slack user id, if linked. */
  async byChatIdentity(channel: Channel, externalId: string): Promise<PersonRecord | null> {
    const row = await this.db.chatIdentity.findUnique({
      where: { channel_externalId: { channel, externalId } },
      select: { person: { select: personSelect } },
    });
    return row ? toPerson(row.person) : null;
  }

  async linkIdentity(personId: string, channel: Channel, externalId: string): Promise<ChatIdentityRecord> {
    const row = await this.db.chatIdentity.create({
      data: { personId, channel, externalId },
      select: { personId: true, channel: true, externalId: true },
    });
    return row;
  }

  async identitiesOf(personId: string): Promise<ChatIdentityRecord[]> {
    return this.db.chatIdentity.findMany({
      where: { personId },
      select: { personId: true, channel: true, externalId: true },
      orderBy: { createdAt: "asc" },
    });
  }

  /** Removes a person's personal data: name, email, job title, roles and chat identities. */
  async anonymise(personId: string, at: Date): Promise<{ identitiesRemoved: number }> {
    const removed = await this.db.chatIdentity.deleteMany({ where: { personId } });
    await this.db.person.update({
      where: { id: personId },
      data: {
        name: "Erased person",
        email: `erased-${personId}@erased.invalid`,
        jobTitle: null,
        roles: [],
        erasedAt: at,
      },
    });
    return { identitiesRemoved: removed.count };
  }
}
