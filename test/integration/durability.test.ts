/** Acknowledged writes survive `kill -9` of the server, on the embedded database (see the support module). */
import { describeDurability } from "../support/durability.ts";

describeDurability("pglite");
