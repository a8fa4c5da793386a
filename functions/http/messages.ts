/** Answers to requests that are wrong as a whole, before any field is read (Bulgarian, for residents and scripts). */
export const REQUEST_ERRORS = {
  crossSite: "Формулярът е изпратен от друг сайт. Изпратете го от страницата на общината на този сайт.",
  tooLarge: "Изпратеният текст е твърде дълъг (над 64 KB). Съкратете го и опитайте отново.",
  rateLimited: "Изпратихте твърде много съобщения за кратко време. Изчакайте минута и опитайте отново.",
  unsupportedType:
    "Неподдържан формат на заявката. Изпратете формуляра от сайта или JSON с Content-Type: application/json.",
  badJson: "Заявката не е валиден JSON обект.",
  badEncoding: "Заявката съдържа знаци в невалидно кодиране. Използвайте UTF-8.",
  unknownForm: "Формулярът не е разпознат: липсва или е невалидна общината или видът на съобщението.",
  notFound: "Страницата не е намерена.",
  unavailable: "Услугата е временно недостъпна поради технически проблем. Опитайте отново след няколко минути.",
  methodNotAllowed: "Този адрес приема само изпращане на формуляр (POST).",
} as const;
