/** Acknowledged writes survive `kill -9` of the server, on PostgreSQL (see the support module). */
import { describeDurability } from "../support/durability.ts";

describeDurability("postgres");
