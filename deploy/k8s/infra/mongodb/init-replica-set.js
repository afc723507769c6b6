// Run by the Job mongodb-init (mongosh, as the root user, against mongodb-0). Idempotent: a
// second run finds the set initiated and the user present and changes nothing.
const members = Number(process.env.MONGODB_MEMBERS);
const config = {
  _id: "rs0",
  members: Array.from({ length: members }, (_, i) => ({ _id: i, host: `mongodb-${i}.mongodb:27017` })),
};

let initiated = true;
try {
  rs.status();
} catch (e) {
  if (e.codeName !== "NotYetInitialized") throw e;
  initiated = false;
}
if (!initiated) {
  rs.initiate(config);
  print(`initiated rs0 with ${members} member(s)`);
}

// Wait for a primary before creating users (writes need one).
for (let i = 0; i < 120 && !db.hello().isWritablePrimary; i++) sleep(1000);
if (!db.hello().isWritablePrimary) throw new Error("no primary after 120s");

const app = db.getSiblingDB(process.env.MONGODB_APP_DATABASE);
const user = process.env.MONGODB_APP_USER;
if (app.getUser(user) === null) {
  app.createUser({ user, pwd: process.env.MONGODB_APP_PASSWORD, roles: [{ role: "readWrite", db: app.getName() }] });
  print(`created user ${user}`);
}
