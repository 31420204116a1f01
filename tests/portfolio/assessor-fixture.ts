// What an assessor saw Amira do, and what the mapper might suggest for it: shared by the observation and export tests.

export const SEEN =
  "Amira greeted the customer by name at the till, listened to the complaint about a late order without interrupting, and checked the order on the system while the queue built up.";

export const MAPPED = {
  criteria: [
    { id: "205.2.4", support: { text: "greeted the customer by name" } },
    { id: "205.1.3", support: { text: "listened to the complaint without interrupting" } },
    { id: "301.1.1", support: { text: "a unit that is not on the plan" } },
  ],
  knowledge: [{ id: "205.K.a", support: { text: "checked the order on the system" } }],
  ranges: [{ id: "205.ER4.b", support: { text: "while the queue built up" } }],
};
