/**
 * The catalogue as DCAT 3 JSON-LD (pure): the catalogue, each published dataset and each of its
 * distributions (every download format) at stable URLs, with DCAT-AP 3's mandatory properties
 * (catalogue: title, description, publisher; dataset: title, description; distribution:
 * accessURL) and the publisher's 全国地方公共団体コード, the licence's URI and the English title
 * where one is given. Each linked thing says its class (a theme is a skos:Concept, a licence a
 * dct:LicenseDocument, …), as the DCAT-AP 3.0.1 SHACL shapes require of the data graph
 * (test/integration/opendata-shacl.test.ts).
 */
import type { CatalogueDataset } from "./catalogue.ts";
import { DOWNLOAD_FORMATS, DOWNLOAD_LABELS, DOWNLOAD_TYPES } from "./formats.ts";
import { LICENCE_URIS, THEMES } from "./rules.ts";

const CONTEXT = {
  dcat: "http://www.w3.org/ns/dcat#",
  dct: "http://purl.org/dc/terms/",
  foaf: "http://xmlns.com/foaf/0.1/",
  skos: "http://www.w3.org/2004/02/skos/core#",
  vcard: "http://www.w3.org/2006/vcard/ns#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
};

const THEME = "http://publications.europa.eu/resource/authority/data-theme/";
const FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/";
const FILE_TYPES = { csv: "CSV", "csv-sjis": "CSV", xlsx: "XLSX", json: "JSON" } as const;

const ja = (text: string) => ({ "@value": text, "@language": "ja" });
const en = (text: string) => ({ "@value": text, "@language": "en" });
const date = (d: Date) => ({ "@value": d.toISOString(), "@type": "xsd:dateTime" });

export interface Publisher {
  code: string;
  name: string;
}

function publisherOf(base: string, m: Publisher) {
  return {
    "@id": `${base}/${m.code}/`,
    "@type": "foaf:Agent",
    "foaf:name": ja(m.name),
    "dct:identifier": m.code,
  };
}

export function datasetJsonLd(base: string, m: Publisher, d: CatalogueDataset) {
  const page = `${base}/${m.code}/opendata/${d.slug}`;
  return {
    "@id": page,
    "@type": "dcat:Dataset",
    "dct:identifier": `${m.code}-${d.slug}`,
    "dct:title": [ja(d.title), ...(d.titleEn ? [en(d.titleEn)] : [])],
    "dct:description": ja(d.description),
    "dct:publisher": publisherOf(base, m),
    "dct:issued": d.publishedAt ? date(d.publishedAt) : undefined,
    "dct:modified": date(d.updatedAt),
    "dcat:landingPage": { "@id": page, "@type": "foaf:Document" },
    "dcat:keyword": d.keywords.map(ja),
    "dcat:theme": d.themes.map((t) => ({
      "@id": `${THEME}${t}`,
      "@type": "skos:Concept",
      "skos:prefLabel": ja(THEMES[t] ?? t),
    })),
    "dct:spatial": d.spatial ? { "@type": "dct:Location", "dct:title": ja(d.spatial) } : undefined,
    "dcat:contactPoint": d.contact ? { "@type": "vcard:Kind", "vcard:fn": d.contact } : undefined,
    "dcat:distribution": d.resources
      .filter((r) => r.versions.length)
      .flatMap((r) =>
        DOWNLOAD_FORMATS.map((f) => ({
          "@id": `${page}/${r.slug}/${f}`,
          "@type": "dcat:Distribution",
          "dct:title": ja(`${r.title}（${DOWNLOAD_LABELS[f]}）`),
          "dcat:accessURL": { "@id": page },
          "dcat:downloadURL": { "@id": `${page}/${r.slug}/${f}` },
          "dcat:mediaType": {
            "@id": `https://www.iana.org/assignments/media-types/${DOWNLOAD_TYPES[f].split(";")[0]}`,
            "@type": "dct:MediaType",
          },
          "dct:format": { "@id": `${FILE_TYPE}${FILE_TYPES[f]}`, "@type": "dct:MediaTypeOrExtent" },
          "dct:license": { "@id": LICENCE_URIS[d.licence], "@type": "dct:LicenseDocument" },
          "dct:modified": date(r.versions[0]!.uploadedAt),
        })),
      ),
  };
}

/** JSON-LD of one dataset, or of the whole catalogue (every published dataset). */
export function catalogJsonLd(base: string, m: Publisher, datasets: CatalogueDataset[]) {
  return {
    "@context": CONTEXT,
    "@id": `${base}/${m.code}/opendata`,
    "@type": "dcat:Catalog",
    "dct:title": [ja(`${m.name}オープンデータカタログ`), en(`Open data catalogue of ${m.code}`)],
    "dct:description": ja(
      `${m.name}（全国地方公共団体コード ${m.code}）が公開しているオープンデータの一覧`,
    ),
    "dct:publisher": publisherOf(base, m),
    "dcat:dataset": datasets.map((d) => datasetJsonLd(base, m, d)),
  };
}

export const withContext = <T extends object>(doc: T) => ({ "@context": CONTEXT, ...doc });
