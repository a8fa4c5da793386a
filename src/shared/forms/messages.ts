/** Every word the forms show or answer with, in Bulgarian, in one place. */
import { LIMITS } from "./fields.ts";

/** The charter's rule on anonymous texts (Ковачевци) together with АПК, чл. 111. */
export const ANONYMITY_RULE =
  "Анонимни жалби, сигнали и предложения не се разглеждат, освен ако проблемът застрашава здравето и сигурността на гражданите.";

export const LABELS = {
  subject: "Тема",
  subjectPraise: "За кого или за какво е похвалата (по желание)",
  message: "Опишете подробно",
  messagePraise: "Вашата похвала",
  messageSurvey: "Коментар (по желание)",
  name: "Име и фамилия",
  email: "Електронна поща",
  phone: "Телефон (по желание)",
  address: "Пощенски адрес",
  anonymous: "Искам да подам анонимно",
  health_risk: "Проблемът застрашава здравето и сигурността на гражданите",
  rating: "Колко сте доволни от обслужването?",
  honeypot: "Не попълвайте това поле",
  submit: "Изпратете",
  identityLegend: "Данни за връзка",
  anonymousLegend: "Анонимно подаване",
} as const;

export const RATING_LABELS: Record<1 | 2 | 3 | 4 | 5, string> = {
  1: "1 – много недоволен",
  2: "2 – недоволен",
  3: "3 – нито доволен, нито недоволен",
  4: "4 – доволен",
  5: "5 – много доволен",
};

export const HINTS = {
  subject: `Няколко думи, до ${LIMITS.subject} знака.`,
  message: `Какво, кога и къде се случи. До ${LIMITS.message} знака.`,
  messageSurvey: `Какво да подобрим? До ${LIMITS.message} знака.`,
  nameOptional: "По желание.",
  emailRequired: "Посочете електронна поща или пощенски адрес, на които да получите отговор.",
  emailOptional: "По желание – ако искате отговор и потвърждение с входящия номер.",
  address: "Населено място, пощенски код, улица и номер. Нужен е, ако не посочите електронна поща.",
  anonymous: `${ANONYMITY_RULE} Ако подадете анонимно, няма да запишем име и данни за връзка и няма да можем да Ви отговорим.`,
} as const;

/** Messages for fields: what is wrong and how to put it right (GOV.UK style). */
export const ERRORS = {
  municipality: "Изберете община от списъка на сайта",
  kind: "Изберете вид: жалба, сигнал, предложение, похвала или анкета",
  subjectRequired: "Въведете тема",
  subjectTooLong: `Темата трябва да е до ${LIMITS.subject} знака`,
  messageRequired: "Опишете проблема или предложението си",
  messagePraiseRequired: "Напишете похвалата си",
  messageTooLong: `Текстът трябва да е до ${LIMITS.message} знака`,
  nameRequired: "Въведете името си или отбележете, че подавате анонимно",
  nameTooLong: `Името трябва да е до ${LIMITS.name} знака`,
  contactRequired: "Въведете електронна поща или пощенски адрес, на които да Ви отговорим",
  emailInvalid: "Въведете електронна поща във формат име@example.com",
  phoneInvalid: "Въведете телефонен номер само с цифри, интервали и знаците + ( ) -, например 0888 123 456",
  addressTooLong: `Адресът трябва да е до ${LIMITS.address} знака`,
  anonymousWithoutRisk:
    "Анонимно можете да подадете само ако проблемът застрашава здравето и сигурността на гражданите. Отбележете това или въведете име и адрес за връзка",
  ratingRequired: "Изберете оценка от 1 до 5",
  notText: "Стойността трябва да е текст",
  notYesNo: "Стойността трябва да е „да“ или „не“",
  usefulRequired: "Изберете „Да“ или „Не“",
  commentTooLong: `Коментарът трябва да е до ${LIMITS.comment} знака`,
  pageInvalid: "Невалиден адрес на страница",
  turnstile: "Потвърдете, че не сте робот, и изпратете отново",
} as const;

export const SUMMARY_TITLE = "Има проблем";
export const ERROR_PREFIX = "Грешка:";
