/**
 * Direction-aware achievement rules for plan indicators (成果指標の達成状況): one file per rule in
 * achievement/, this the name the rest of the domain (and the rules' unit tests) import.
 */
export * from "./achievement/index.ts";
