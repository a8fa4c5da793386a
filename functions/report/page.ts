/**
 * The report page: every chart followed by a table with its numbers, how the figures
 * are counted and on what legal basis, and the open data. The public page and the staff
 * view share this body; the public one gets the rows after the small-numbers rule.
 */
import { formatBgDate, formatDuration, formatReceived, sofiaDate } from "../../src/shared/dates";
import type { Municipality } from "../../src/shared/municipality";
import { reportPath } from "../pages/paths";
import { type Html, html, raw } from "../staff/pages/html";
import { NOT_CONSIDERED_REASONS } from "../submissions/statuses";
import { type Bar, barChart, columnChart } from "./charts";
import {
  DEADLINE_KINDS,
  type FigureRow,
  type Figures,
  MIN_FOR_STATISTICS,
  OUTCOMES,
  REASONS,
  RECEIVED_KINDS,
  rowKey,
} from "./figures";
import { LICENCE, OPEN_DATA_COLUMNS } from "./open-data";
import { type Hidden, type ShownRow, SUPPRESSED, WITHHELD } from "./suppress";
import { KIND_PLURALS, MONTHS, monthName, OUTCOME_LABELS } from "./words";

type Value = ShownRow["value"];

export interface ReportView {
  municipality: Municipality;
  figures: Figures;
  rows: readonly ShownRow[];
  /** The years to link to, latest first. */
  years: readonly number[];
  /** Where a year's page is, and its open data (public) or none (staff). */
  yearHref: (year: number) => string;
  dataHref?: (format: "csv" | "json") => string;
  /** Staff see exact numbers: the page says so instead of the small-numbers rule. */
  exact: boolean;
}

const decimal = new Intl.NumberFormat("bg-BG", { maximumFractionDigits: 1 });

function lookup(rows: readonly ShownRow[]) {
  const map = new Map(rows.map((r) => [rowKey(r), r.value]));
  return (r: Pick<FigureRow, "section" | "measure"> & Partial<Pick<FigureRow, "kind" | "month" | "page">>): Value => {
    const key = rowKey({ kind: "", month: "", page: "", ...r });
    return map.has(key) ? (map.get(key) as Value) : 0;
  };
}

const asCount = (v: Value): number | Hidden => (typeof v === "number" ? v : v === WITHHELD ? WITHHELD : SUPPRESSED);

/** A cell: a count, a number of days or a rating (one decimal at most), a share, "< 3", "скрито", or "—" when there are too few to say. */
function cell(v: Value, unit?: "percent"): string {
  if (v === null) return "—";
  if (typeof v !== "number") return v;
  return unit === "percent" ? `${decimal.format(v)} %` : decimal.format(v);
}

function table(id: string, caption: string, head: readonly string[], body: readonly (readonly string[])[]): Html {
  return html`<div class="table-scroll" role="region" aria-labelledby="${id}" tabindex="0"><table class="report-table"><caption id="${id}">${caption}</caption><thead><tr>${head.map((h) => html`<th scope="col">${h}</th>`)}</tr></thead><tbody>${body.map(([first, ...rest]) => html`<tr><th scope="row">${first}</th>${rest.map((c) => html`<td>${c}</td>`)}</tr>`)}</tbody></table></div>`;
}

const figure = (chart: Html, caption: string) =>
  html`<figure class="report-figure">${chart}<figcaption>${caption}</figcaption></figure>`;

function notices(v: ReportView): Html {
  const f = v.figures;
  const soFar = f.complete
    ? ""
    : html`<div class="panel"><p><strong>Годината до днес.</strong> Данните са към ${formatReceived(f.asOf)} и се обновяват най-много на всеки 10 минути.${f.months < 12 ? ` Месеците след ${monthName(f.months)} ще се появят, когато дойдат.` : ""}</p></div>`;
  const demo = f.demo
    ? html`<div class="panel panel-demo"><p><strong>Примерни данни.</strong> В тази година има генерирани данни за демонстрация (<code>npm run seed:demo</code>), не истински жалби, сигнали и анкети. Не ги цитирайте.</p></div>`
    : "";
  const exact = v.exact
    ? html`<div class="panel"><p><strong>Точни числа.</strong> Тук числата не са скрити. Публичният отчет показва „${SUPPRESSED}“ вместо 1 и 2: <a href="${reportPath(v.municipality.id, v.figures.year)}">публичният отчет за ${v.figures.year} г.</a></p></div>`
    : "";
  return html`${soFar}${demo}${exact}`;
}

function years(v: ReportView): Html {
  if (v.years.length < 2) return html``;
  return html`<nav class="report-years no-print" aria-label="Отчети по години"><p>Отчети за:</p><ul>${v.years.map(
    (y) =>
      y === v.figures.year
        ? html`<li><span aria-current="page">${y} г.</span></li>`
        : html`<li><a href="${v.yearHref(y)}">${y} г.</a></li>`,
  )}</ul></nav>`;
}

function summary(get: ReturnType<typeof lookup>): Html {
  const received = get({ section: "received", measure: "received" });
  const onTime = get({ section: "handling", measure: "on_time" });
  const late = get({ section: "handling", measure: "late" });
  const share =
    typeof onTime === "number" && typeof late === "number" && onTime + late > 0
      ? html` (${decimal.format(Math.round((onTime / (onTime + late)) * 100))} % от отговорените)`
      : "";
  const median = get({ section: "answer_time", measure: "median" });
  const mean = get({ section: "surveys", measure: "mean" });
  return html`<h2 id="nakratko">Накратко</h2><dl class="facts report-summary"><dt>Получени</dt><dd>${cell(received)} жалби, сигнали, предложения и похвали</dd><dt>Отговорени в срок</dt><dd>${cell(onTime)}${share}</dd><dt>Време за отговор</dt><dd>${median === null ? "твърде малко отговори за медиана" : html`медиана ${cell(median)} работни дни`}</dd><dt>Оценка от анкетата</dt><dd>${mean === null ? "твърде малко отговори" : html`${cell(mean)} от 5 (${cell(get({ section: "surveys", measure: "responses" }))} отговора)`}</dd></dl>`;
}

function receivedSection(v: ReportView, get: ReturnType<typeof lookup>): Html {
  const f = v.figures;
  const byKind: Bar[] = RECEIVED_KINDS.map((kind) => ({
    label: KIND_PLURALS[kind],
    value: asCount(get({ section: "received", kind, measure: "received" })),
  }));
  const months = MONTHS.slice(0, f.months).map((name, i) => ({ name, month: i + 1 }));
  const byMonth = months.map(({ name, month }) => ({
    label: name,
    short: name.slice(0, 3),
    value: asCount(get({ section: "received", month, measure: "received" })),
  }));
  const total = cell(get({ section: "received", measure: "received" }));
  return html`<h2 id="polucheni">Получени жалби, сигнали, предложения и похвали</h2>
<p>Общо ${total} през ${f.complete ? "годината" : "годината досега"}.</p>
${figure(barChart("chart-kinds", `Получени по вид, ${f.year} г.`, byKind), "Получени по вид. Същите числа са в таблицата под графиката.")}
${table(
  "table-kinds",
  `Получени по вид, ${f.year} г.`,
  ["Вид", "Получени"],
  [...byKind.map((b) => [b.label, cell(b.value)]), ["Общо", total]],
)}
${figure(columnChart("chart-months", `Получени по месеци, ${f.year} г.`, byMonth), "Получени по месеци (всички видове). По видове – в таблицата под графиката.")}
${table(
  "table-months",
  `Получени по месеци и видове, ${f.year} г.`,
  ["Месец", ...RECEIVED_KINDS.map((k) => KIND_PLURALS[k]), "Общо"],
  [
    ...months.map(({ name, month }) => [
      name,
      ...RECEIVED_KINDS.map((kind) => cell(get({ section: "received", kind, month, measure: "received" }))),
      cell(get({ section: "received", month, measure: "received" })),
    ]),
    ["Общо", ...RECEIVED_KINDS.map((kind) => cell(get({ section: "received", kind, measure: "received" }))), total],
  ],
)}`;
}

function handlingSection(v: ReportView, get: ReturnType<typeof lookup>): Html {
  const f = v.figures;
  const kinds = [...DEADLINE_KINDS, ""] as const;
  const head = ["", ...DEADLINE_KINDS.map((k) => KIND_PLURALS[k]), "Общо"];
  const receivedOf = (kind: (typeof kinds)[number]) =>
    kind ? get({ section: "received", kind, measure: "received" }) : get({ section: "handling", measure: "received" });
  const outcomeBars: Bar[] = OUTCOMES.map((measure) => ({
    label: OUTCOME_LABELS[measure],
    value: asCount(get({ section: "handling", measure })),
  }));
  const deadlines = DEADLINE_KINDS.flatMap((k) => {
    const d = v.municipality.deadlines[k];
    return d ? [html`<li>${KIND_PLURALS[k]}: ${formatDuration(d)} (${d.source})</li>`] : [];
  });
  return html`<h2 id="srokove">Отговори и срокове</h2>
<p>За жалбите, сигналите и предложенията общината отговаря писмено в срок. Сроковете на ${v.municipality.name}:</p>
<ul>${deadlines}</ul>
${figure(barChart("chart-outcomes", `Жалби, сигнали и предложения според отговора, ${f.year} г.`, outcomeBars), "Жалби, сигнали и предложения заедно, според отговора. По видове – в таблицата.")}
${table("table-outcomes", `Отговори и срокове по вид, ${f.year} г.`, head, [
  ["Получени", ...kinds.map((k) => cell(receivedOf(k)))],
  ...OUTCOMES.map((measure) => [
    OUTCOME_LABELS[measure],
    ...kinds.map((kind) => cell(get({ section: "handling", kind, measure }))),
  ]),
  ["С удължен срок (от всички)", ...kinds.map((kind) => cell(get({ section: "handling", kind, measure: "extended" })))],
])}
${table("table-reasons", `Оставени без разглеждане, по причина, ${f.year} г.`, head, [
  ...REASONS.map((r) => [
    NOT_CONSIDERED_REASONS[r],
    ...kinds.map((kind) => cell(get({ section: "handling", kind, measure: `not_considered_${r}` }))),
  ]),
  ["Общо", ...kinds.map((kind) => cell(get({ section: "handling", kind, measure: "not_considered" })))],
])}
<h2 id="vreme">Време за отговор</h2>
<p>В работни дни след деня на получаване до деня, в който е изпратен отговорът. Медианата казва, че половината отговори са изпратени за толкова или по-малко работни дни, 90-ият процентил – девет от всеки десет.</p>
${table(
  "table-times",
  `Работни дни до отговора, ${f.year} г.`,
  ["Вид", "Медиана", "90-и процентил"],
  [
    ...kinds.map((kind) => [
      kind ? KIND_PLURALS[kind] : "Всички",
      cell(get({ section: "answer_time", kind, measure: "median" })),
      cell(get({ section: "answer_time", kind, measure: "p90" })),
    ]),
  ],
)}
<p class="muted">„—“: по-малко от ${MIN_FOR_STATISTICS} отговора, твърде малко за медиана.</p>`;
}

function surveysSection(v: ReportView, get: ReturnType<typeof lookup>): Html {
  const f = v.figures;
  const bars: Bar[] = [5, 4, 3, 2, 1].map((r) => ({
    label: `Оценка ${r}`,
    value: asCount(get({ section: "surveys", measure: `rating_${r}` })),
  }));
  const responses = get({ section: "surveys", measure: "responses" });
  const mean = get({ section: "surveys", measure: "mean" });
  const share = get({ section: "surveys", measure: "share_4_5" });
  return html`<h2 id="anketi">Анкети: оценка на обслужването</h2>
<dl class="facts"><dt>Отговори</dt><dd>${cell(responses)}</dd><dt>Средна оценка</dt><dd>${mean === null ? "—" : html`${cell(mean)} от 5`}</dd><dt>Оценка 4 или 5</dt><dd>${cell(share, "percent")}</dd></dl>
${responses === 0 ? html`<p>През ${f.year} г. няма отговори на анкетата.</p>` : html`${figure(barChart("chart-ratings", `Оценки от анкетата, ${f.year} г.`, bars), "Колко пъти е дадена всяка оценка от 1 до 5. Същите числа са в таблицата.")}${table("table-ratings", `Оценки от анкетата, ${f.year} г.`, ["Оценка", "Отговори"], [...bars.map((b) => [b.label, cell(b.value)]), ["Общо", cell(responses)]])}`}`;
}

const TOP_PAGES = 10;
const LISTED_PAGES = 50;

function pagesSection(v: ReportView, get: ReturnType<typeof lookup>): Html {
  const f = v.figures;
  const pages = [...new Set(v.rows.filter((r) => r.section === "page_feedback" && r.page).map((r) => r.page))];
  const of = (page: string, measure: "yes" | "no") => get({ section: "page_feedback", page, measure });
  // Most "не" first; a hidden count sorts between 3 and 0, so the order tells nothing it hides.
  const weight = (x: Value) => (typeof x === "number" ? x : 2.5);
  const ranked = pages.sort((a, b) => weight(of(b, "no")) - weight(of(a, "no")) || (a < b ? -1 : 1));
  const yes = get({ section: "page_feedback", measure: "yes" });
  const no = get({ section: "page_feedback", measure: "no" });
  const intro = html`<h2 id="stranitsi">Полезни ли са страниците</h2>
<p>Под всяка страница на сайта питаме „Полезна ли беше тази страница?“. За страниците на ${v.municipality.name} през ${f.year} г.: „да“ – ${cell(yes)}, „не“ – ${cell(no)}.</p>`;
  if (!pages.length) return html`${intro}<p>Няма отговори за тази година.</p>`;
  const top: Bar[] = ranked.slice(0, TOP_PAGES).map((page) => ({ label: page, value: asCount(of(page, "no")) }));
  return html`${intro}
${figure(barChart("chart-pages", `Страниците с най-много отговори „не“, ${f.year} г.`, top), `До ${TOP_PAGES} страници с най-много „не“. „Да“ и „не“ за всяка страница – в таблицата.`)}
${table(
  "table-pages",
  `„Полезна ли беше тази страница?“ по страници, ${f.year} г.${ranked.length > LISTED_PAGES ? ` (първите ${LISTED_PAGES} от ${ranked.length}; всички са в отворените данни)` : ""}`,
  ["Страница", "Да", "Не"],
  ranked.slice(0, LISTED_PAGES).map((page) => [page, cell(of(page, "yes")), cell(of(page, "no"))]),
)}`;
}

function howCounted(v: ReportView): Html {
  const exactness = v.exact
    ? html`<li>Тук, за служителите, числата са точни. В публичния отчет клетка с 1 или 2 показва „${SUPPRESSED}“, а когато числата дават показан сбор, се скрива и още едно (най-малкото от останалите, „${WITHHELD}“), за да не може скритото да се изчисли.</li>`
    : html`<li><strong>Малки числа.</strong> Клетка с 1 или 2 показва „${SUPPRESSED}“, за да не може никой да бъде разпознат в малко населено място. Когато числата дават показан сбор, скриваме и още едно – най-малкото от останалите, понякога 0 – и пишем „${WITHHELD}“: иначе скритото би се изчислило от сбора.</li>`;
  return html`<h2 id="kak-broim">Как броим</h2>
<p>Наредбата за административното обслужване изисква всяка администрация да събира и анализира обратната връзка от потребителите – чрез анкети и чрез анализ на сигналите, предложенията, жалбите и похвалите – и да публикува годишен доклад за удовлетвореността им. Хартата на клиента на общината обещава същото. Показателите следват „Методология за измерване и управление на удовлетвореността на потребителите“ на правителството дотолкова, доколкото данните от регистъра го позволяват. Отчетът се съставя сам от регистъра – без таблици на ръка – и съдържа само бройки, без текст на съобщенията и без лични данни.</p>
<ul>
<li><strong>Получени</strong> са жалбите, сигналите, предложенията и похвалите, регистрирани с входящ номер през годината, по датата във входящия номер. Анкетите се броят отделно.</li>
<li><strong>В срок</strong> е отговор, изпратен (по електронна поща или по пощата) не по-късно от последния ден на срока. Когато срокът е удължен и подателят е уведомен, броим спрямо новия срок. Когато за вида няма определен срок, отговорът се брои в срок.</li>
<li><strong>След срока</strong> е отговор, изпратен след последния ден; <strong>без отговор, срокът е изтекъл</strong> – към датата на данните отговор няма, а последният ден е минал.</li>
<li><strong>Препратени по компетентност</strong> са изпратените на органа, който може да се произнесе по тях.</li>
<li><strong>Оставени без разглеждане</strong>, с причината: анонимни, когато няма риск за здравето и безопасността на гражданите; за нарушения отпреди повече от две години (Административнопроцесуален кодекс, глава осма, не допуска производство по тях); с нецензурни или обидни изрази; друга причина, записана от служителя.</li>
<li><strong>Работни дни до отговора</strong> броим след деня на получаване до деня на изпращане на отговора включително: отговор в същия ден е 0 работни дни. Не се броят съботите, неделите, официалните празници по Кодекса на труда и дните, обявени за неработни с решение на Министерския съвет (календарът на сайта). Медиана и 90-и процентил даваме при поне ${MIN_FOR_STATISTICS} отговора.</li>
<li><strong>Анкетите</strong> са оценките от 1 до 5 от анкетата на сайта, получени през годината по българско време. Средната оценка е закръглена до десета, делът на 4 и 5 – до цял процент.</li>
<li><strong>Страниците</strong>: отговорите „да“ и „не“ на въпроса под страниците на общината в сайта.</li>
${exactness}
<li>${v.figures.complete ? "Годината е приключила, но числата за отговорите още могат да се променят, докато се отговаря на получените в края ѝ." : "За текущата година отчетът показва годината до днес."} Страницата се изчислява отново най-много на всеки 10 минути.</li>
</ul>`;
}

function openData(v: ReportView): Html {
  if (!v.dataHref) return html``;
  return html`<h2 id="danni">Отворени данни</h2>
<p>Същите числа, след правилото за малките числа: <a href="${v.dataHref("csv")}" download>CSV (UTF-8)</a> · <a href="${v.dataHref("json")}">JSON</a>. Колоните са едни и същи всяка година; нов показател е нов ред, не нова колона.</p>
<p class="licence">Лиценз: <a href="${LICENCE.url}" rel="license">${LICENCE.name}</a>. Можете да ползвате, споделяте и преработвате данните, като посочите източника: ${v.municipality.name}, Харта на клиента.</p>
${table(
  "table-columns",
  "Колоните на отворените данни",
  ["Колона", "Какво съдържа"],
  OPEN_DATA_COLUMNS.map(([name, meaning]) => [name, meaning]),
)}`;
}

/** The report's body (the inside of <main>), for the public page and the staff view alike. */
export function reportBody(v: ReportView, crumbs: Html, extra: Html | string = ""): Html {
  const get = lookup(v.rows);
  const f = v.figures;
  const empty =
    get({ section: "received", measure: "received" }) === 0 && get({ section: "surveys", measure: "responses" }) === 0
      ? html`<p class="panel">През ${f.year} г. ${f.complete ? "няма" : "досега няма"} получени жалби, сигнали, предложения, похвали и анкети.</p>`
      : "";
  return html`${crumbs}<h1>Отчет за обратната връзка ${f.year} г.</h1>
<p class="lead">${v.municipality.name}: какво са писали жителите, колко бързо е отговорено и колко са доволни.</p>
${notices(v)}${years(v)}${empty}
${summary(get)}
${receivedSection(v, get)}
${handlingSection(v, get)}
${surveysSection(v, get)}
${pagesSection(v, get)}
${howCounted(v)}
${openData(v)}
<p class="muted">Изчислено на ${formatReceived(f.asOf)} от регистъра на ${v.municipality.name}.</p>
${raw(String(extra))}`;
}

/** "за 2026 г." or "за 2026 г. (до 02.12.2026 г.)". */
export const yearTitle = (f: Figures) =>
  `Отчет за обратната връзка ${f.year} г.${f.complete ? "" : ` (до ${formatBgDate(sofiaDate(new Date(f.asOf)))})`}`;
