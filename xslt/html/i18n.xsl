<?xml version="1.0" encoding="UTF-8"?>
<!--
  html/i18n.xsl: the interface's words in every interface language ($ui-langs).

  Every label, button, heading and message of the site is written once per interface
  language, each in a span with its own lang (class "ui ui-{lang}"); the style sheet shows
  the reader's choice (html[data-ui], set and remembered by edition.js; without script,
  the first of $ui-langs). So a page is one file whatever the reader chooses, its
  permalinks stay the same, and every element says its language.

  The jinja pages (home, registers, about, search) take the same words from here: the
  named template "ui-strings" gives them as JSON to edition/html.py.

  A string may hold {1}, {2} … for its arguments, and {^1} for an argument with its first
  letter in capitals. An argument "lang:xx" is the name of language xx in the interface
  language (edn:ui-language).
-->
<xsl:stylesheet version="3.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:fn="http://www.w3.org/2005/xpath-functions"
    xmlns:edn="urn:x-edition"
    xmlns:tei="http://www.tei-c.org/ns/1.0"
    xpath-default-namespace="http://www.tei-c.org/ns/1.0"
    exclude-result-prefixes="#all">

  <xsl:variable name="edn:ui-strings" as="map(xs:string, map(xs:string, xs:string))" select="map{
    'skip': map{'en': 'Skip to content', 'ru': 'Перейти к содержанию'},
    'draft-banner': map{'en': 'Draft: not yet published. Addresses, citations and exports are provisional; do not cite this page.', 'ru': 'Черновик: ещё не опубликовано. Адреса, ссылки для цитирования и выгрузки предварительные; не цитируйте эту страницу.'},
    'site-nav': map{'en': 'Site', 'ru': 'Разделы сайта'},
    'nav-documents': map{'en': 'Documents', 'ru': 'Документы'},
    'nav-persons': map{'en': 'Persons', 'ru': 'Лица'},
    'nav-places': map{'en': 'Places', 'ru': 'Места'},
    'nav-organisations': map{'en': 'Organisations', 'ru': 'Организации'},
    'nav-events': map{'en': 'Events', 'ru': 'События'},
    'nav-search': map{'en': 'Search', 'ru': 'Поиск'},
    'nav-about': map{'en': 'About this edition', 'ru': 'Об издании'},
    'ui-switch': map{'en': 'Interface language', 'ru': 'Язык интерфейса'},
    'about-document': map{'en': 'About this document', 'ru': 'О документе'},
    'how-to-cite': map{'en': 'How to cite', 'ru': 'Как цитировать'},
    'downloads': map{'en': 'Downloads', 'ru': 'Файлы'},
    'chain': map{'en': 'Correspondence', 'ru': 'Переписка'},
    'chain-prev': map{'en': 'Previous in the correspondence: ', 'ru': 'Предыдущее в переписке: '},
    'chain-next': map{'en': 'Next in the correspondence: ', 'ru': 'Следующее в переписке: '},
    'text': map{'en': 'Text', 'ru': 'Текст'},
    'view': map{'en': 'View', 'ru': 'Вид'},
    'view-parallel': map{'en': 'Parallel', 'ru': 'Параллельно'},
    'view-facsimile': map{'en': 'Facsimile', 'ru': 'Факсимиле'},
    'facs-controls': map{'en': 'Facsimile controls', 'ru': 'Управление факсимиле'},
    'facs-prev': map{'en': 'Previous page', 'ru': 'Предыдущая страница'},
    'facs-next': map{'en': 'Next page', 'ru': 'Следующая страница'},
    'facs-zoom-in': map{'en': 'Zoom in', 'ru': 'Увеличить'},
    'facs-zoom-out': map{'en': 'Zoom out', 'ru': 'Уменьшить'},
    'facs-home': map{'en': 'Whole page', 'ru': 'Вся страница'},
    'facs-status': map{'en': 'Page {1} of {2}', 'ru': 'Страница {1} из {2}'},
    'facs-error': map{'en': 'The page images could not be loaded ({1}).', 'ru': 'Не удалось загрузить изображения страниц ({1}).'},
    'facs-canvas': map{'en': 'Page image (zoom with + and −, pan with the arrow keys)', 'ru': 'Изображение страницы (масштаб: + и −, перемещение: клавиши со стрелками)'},
    'facs-help': map{'en': 'Page images of the witness. In the image: + and − zoom, arrow keys pan, 0 shows the whole page; clicking a marked passage shows it in the text.', 'ru': 'Изображения страниц источника. На изображении: + и − меняют масштаб, клавиши со стрелками перемещают, 0 показывает всю страницу; щелчок по отмеченному месту показывает его в тексте.'},
    'facs-manifest': map{'en': 'IIIF manifest for other viewers', 'ru': 'Манифест IIIF для других программ просмотра'},
    'facs-external': map{'en': 'The page images of the witness are published by {1} as a IIIF manifest, which any IIIF viewer opens:', 'ru': 'Изображения страниц источника опубликованы {1} в виде манифеста IIIF, который открывает любая программа просмотра IIIF:'},
    'facs-page': map{'en': 'Page {1}', 'ru': 'Страница {1}'},
    'facs-pb': map{'en': 'Page {1} begins: show it in the facsimile', 'ru': 'Начало страницы {1}: показать её в факсимиле'},
    'view-only': map{'en': '{^1} only', 'ru': 'Только {1}'},
    'corrections': map{'en': 'Corrections', 'ru': 'Исправления'},
    'corrected': map{'en': 'Corrected', 'ru': 'Исправленный'},
    'as-written': map{'en': 'As written', 'ru': 'Как написано'},
    'key': map{'en': 'Key to the markup', 'ru': 'Условные обозначения'},
    'key-names': map{'en': ': underlined differently, each a link to its register entry; hover, focus or tap shows a card.',
                     'ru': ': подчёркнуты по-разному, каждое — ссылка на статью указателя; карточка открывается при наведении, фокусе или касании.'},
    'key-person': map{'en': 'Person', 'ru': 'Лицо'},
    'key-place': map{'en': 'place', 'ru': 'место'},
    'key-geog': map{'en': 'geographic feature', 'ru': 'географический объект'},
    'key-org': map{'en': 'organisation', 'ru': 'организация'},
    'key-event': map{'en': 'event', 'ru': 'событие'},
    'key-supplied': map{'en': ': supplied by the witness''s editors.', 'ru': ': дополнено издателями источника.'},
    'key-gap': map{'en': ': text omitted or missing; hover or focus tells why.', 'ru': ': текст опущен или утрачен; причина — при наведении или фокусе.'},
    'key-corr': map{'en': ': an editorial correction; the switch shows the reading as written.', 'ru': ': исправление издателя; переключатель показывает написание источника.'},
    'key-note': map{'en': ': an editorial note (see Notes below the text).', 'ru': ': примечание издателя (см. «Примечания» под текстом).'},
    'corrected-sample': map{'en': 'corrected', 'ru': 'исправлено'},
    'sample-text': map{'en': 'text', 'ru': 'текст'},
    'original-label': map{'en': '{1} original', 'ru': 'Оригинал ({1})'},
    'translation-label': map{'en': '{1} translation', 'ru': 'Перевод ({1})'},
    'only-in-original': map{'en': 'Only in the {1} original', 'ru': 'Только в оригинале ({1})'},
    'only-in-translation': map{'en': 'Only in the {1} translation', 'ru': 'Только в переводе ({1})'},
    'permalink': map{'en': 'Permalink to ¶ {1}, {2}', 'ru': 'Постоянная ссылка на ¶ {1}, {2}'},
    'lost-original': map{'en': 'The witness of the {1} original lacks the counterpart of ¶ {2}: its copy is incomplete here.',
                         'ru': 'В источнике оригинала ({1}) нет соответствия ¶ {2}: его копия здесь неполна.'},
    'lost-translation': map{'en': 'The witness of the {1} translation lacks the counterpart of ¶ {2}: its copy is incomplete here.',
                            'ru': 'В источнике перевода ({1}) нет соответствия ¶ {2}: его копия здесь неполна.'},
    'end-original': map{'en': 'The {1} original breaks off here: its witness has no counterpart of ¶ {2}.',
                        'ru': 'Оригинал ({1}) здесь обрывается: в его источнике нет соответствия ¶ {2}.'},
    'end-translation': map{'en': 'The {1} translation breaks off here: its witness has no counterpart of ¶ {2}.',
                           'ru': 'Перевод ({1}) здесь обрывается: в его источнике нет соответствия ¶ {2}.'},
    'notes': map{'en': 'Notes', 'ru': 'Примечания'},
    'notes-to-original': map{'en': 'Notes to the {1} original', 'ru': 'Примечания к оригиналу ({1})'},
    'notes-to-translation': map{'en': 'Notes to the {1} translation', 'ru': 'Примечания к переводу ({1})'},
    'note': map{'en': 'Note ', 'ru': 'Примечание '},
    'back-to-note': map{'en': 'Back to note {1} in the text', 'ru': 'Назад к примечанию {1} в тексте'},
    'pseudonym-of': map{'en': '“{1}” is a pseudonym of {2}.', 'ru': '«{1}» — псевдоним: {2}.'},
    'meta-title': map{'en': 'Title', 'ru': 'Название'},
    'meta-date': map{'en': 'Date', 'ru': 'Дата'},
    'meta-from-to': map{'en': 'From → to', 'ru': 'От кого → кому'},
    'meta-witness': map{'en': 'Witness', 'ru': 'Источник'},
    'meta-source': map{'en': 'Source', 'ru': 'Источник'},
    'meta-first-published': map{'en': 'First published', 'ru': 'Первая публикация'},
    'meta-document': map{'en': 'Document', 'ru': 'Документ'},
    'meta-copy': map{'en': 'About the copy', 'ru': 'О копии'},
    'meta-editors': map{'en': 'Editors', 'ru': 'Редакторы'},
    'meta-headnote': map{'en': 'Headnote', 'ru': 'Вступительная заметка'},
    'meta-licence': map{'en': 'Licence', 'ru': 'Лицензия'},
    'by-publisher': map{'en': '(the publisher’s)', 'ru': '(издателя источника)'},
    'by-edition': map{'en': '(this edition’s)', 'ru': '(настоящего издания)'},
    'meta-archive': map{'en': 'Archive', 'ru': 'Архив'},
    'meta-summary': map{'en': 'Summary', 'ru': 'Краткое содержание'},
    'meta-keywords': map{'en': 'Keywords', 'ru': 'Ключевые слова'},
    'meta-rights': map{'en': 'Rights', 'ru': 'Права'},
    'plain-text': map{'en': 'Plain text, {1}', 'ru': 'Простой текст, {1}'},
    'at': map{'en': 'at', 'ru': 'место:'},
    'action-sent': map{'en': 'Sent', 'ru': 'Отправлено'},
    'action-received': map{'en': 'Received', 'ru': 'Получено'},
    'action-transmitted': map{'en': 'Transmitted', 'ru': 'Передано'},
    'search-label': map{'en': 'Words or names', 'ru': 'Слова или имена'},
    'search-document': map{'en': 'Document', 'ru': 'Документ'},
    'language': map{'en': '{1}', 'ru': '{1}'},
    'search-button': map{'en': 'Search', 'ru': 'Найти'},
    'search-in': map{'en': 'Search the texts in', 'ru': 'Искать в текстах на языках'},
    'search-needs-js': map{'en': 'Search needs JavaScript, which is off in this browser.', 'ru': 'Для поиска нужен JavaScript, а он в этом браузере выключен.'},
    'search-loading': map{'en': 'Loading the search index…', 'ru': 'Загружается поисковый индекс…'},
    'search-file': map{'en': 'Search cannot work on a page opened from a file (file://): browsers do not let such a page load the search index. Serve the site over HTTP instead: in the edition’s folder run “.venv/bin/edition serve” and open http://127.0.0.1:8000/search.html.', 'ru': 'Поиск не работает на странице, открытой из файла (file://): браузеры не дают такой странице загрузить поисковый индекс. Откройте сайт по HTTP: в папке издания выполните «.venv/bin/edition serve» и откройте http://127.0.0.1:8000/search.html.'},
    'search-type': map{'en': 'Type a word or a name.', 'ru': 'Введите слово или имя.'},
    'search-nothing': map{'en': 'Nothing found for “{1}”.', 'ru': 'По запросу «{1}» ничего не найдено.'},
    'search-one': map{'en': '{1} result for “{2}”.', 'ru': '{1} результат по запросу «{2}».'},
    'search-many': map{'en': '{1} results for “{2}”.', 'ru': 'Найдено по запросу «{2}»: {1}.'},
    'search-error-no-index': map{'en': 'This copy of the edition was built without its search index.', 'ru': 'Эта копия издания собрана без поискового индекса.'},
    'search-error-load': map{'en': 'The search index could not be loaded ({1}).', 'ru': 'Не удалось загрузить поисковый индекс ({1}).'},
    'search-help': map{'en': 'How search works', 'ru': 'Как устроен поиск'},
    'search-help-1': map{'en': 'Every passage of every document is searched in its own language, and each result links to the passage itself.', 'ru': 'Каждый фрагмент каждого документа ищется на своём языке, и каждый результат ведёт к самому фрагменту.'},
    'search-help-2': map{'en': 'Russian words are found in any case form (слово finds слова and словом), and е finds ё.', 'ru': 'Русские слова находятся в любой падежной форме (слово находит слова и словом), а е находит ё.'},
    'search-help-3': map{'en': 'Names are found in every form the register records for them, in every language: a name in English finds the Russian passage that spells it otherwise, and a real name finds the passages that use a pseudonym. Such a match shows the register’s names after the passage.', 'ru': 'Имена находятся во всех формах, которые записаны в указателе, на всех языках: английское имя находит русский фрагмент с иным написанием, а настоящее имя — фрагменты с псевдонимом. Тогда после фрагмента показаны имена из указателя.'},
    'search-help-4': map{'en': 'The last word you type also matches longer words that begin with it.', 'ru': 'Последнее введённое слово находит и более длинные слова, которые с него начинаются.'},
    'about-what': map{'en': 'A digital edition of {1} documents, each in its original language and in translation, side by side, with every person, place, organisation and event they name linked to a register.', 'ru': 'Цифровое издание документов (их {1}): каждый — на языке оригинала и в переводе, бок о бок; каждое названное лицо, место, организация и событие связано с указателем.'},
    'about-principles': map{'en': 'Editorial principles', 'ru': 'Принципы издания'},
    'about-kept': map{'en': 'What is kept: every character of the published copy (the witness), including its spelling, punctuation and its own brackets; the text is divided into passages but never rewritten.', 'ru': 'Что сохранено: каждый знак опубликованной копии (источника), включая орфографию, пунктуацию и её собственные скобки; текст разделён на фрагменты, но не переписан.'},
    'about-corrected': map{'en': 'What is corrected and how it is shown: only obvious slips (such as words run together), each marked; the Corrections switch shows the text as written.', 'ru': 'Что исправлено и как это видно: только явные описки (например, слитно написанные слова), каждая отмечена; переключатель «Исправления» показывает текст как написано.'},
    'about-gaps': map{'en': 'Text the publisher of the witness added is in square brackets; text omitted or missing is marked […], and pointing at the mark tells why.', 'ru': 'Текст, добавленный издателем источника, — в квадратных скобках; опущенный или утраченный текст отмечен […], а при наведении указана причина.'},
    'about-names': map{'en': 'How names are identified: each name is linked to one register entry only where the documents or a cited reference work make the identification; a pseudonym is shown as such; what is not known is left open.', 'ru': 'Как определены имена: имя связано со статьёй указателя, только если это следует из документов или из указанного справочника; псевдоним показан как псевдоним; неизвестное оставлено открытым.'},
    'about-numbers': map{'en': 'Each row of the parallel text has one number, the same in both languages, for citing a place (¶ 12).', 'ru': 'У каждой строки параллельного текста один номер, общий для обоих языков, — для ссылок (¶ 12).'},
    'about-facts': map{'en': 'No fact is invented: every date, reference and identification names its source; what the edition cannot know stays unknown.', 'ru': 'Ни один факт не выдуман: у каждой даты, ссылки и идентификации указан источник; то, чего издание знать не может, остаётся неизвестным.'},
    'about-history': map{'en': 'The documents and their context', 'ru': 'Документы и их контекст'},
    'about-history-intro': map{'en': 'In the order of the correspondence, with the summary the publisher of each copy gives and the record it comes from:', 'ru': 'В порядке переписки — с кратким содержанием, которое даёт издатель каждой копии, и ссылкой на его запись:'},
    'about-source': map{'en': 'Source:', 'ru': 'Источник:'},
    'about-editors': map{'en': 'Editors, version', 'ru': 'Редакторы, версия'},
    'about-version': map{'en': 'Version {1}, published {2}.', 'ru': 'Версия {1}, опубликована {2}.'},
    'about-rights': map{'en': 'The texts themselves keep the rights statements given with each document.', 'ru': 'Сами тексты сохраняют указания о правах, приведённые при каждом документе.'},
    'about-reading': map{'en': 'How to read a document page', 'ru': 'Как читать страницу документа'},
    'about-reading-1': map{'en': 'The original and the translation stand side by side, row by row; the View switch shows one language only or both; on a narrow screen the rows alternate.', 'ru': 'Оригинал и перевод стоят рядом, строка к строке; переключатель «Вид» показывает один язык или оба; на узком экране строки чередуются.'},
    'about-reading-2': map{'en': 'Names are underlined, differently for persons, places, geographic features, organisations and events; pointing at a name, focusing it or tapping it shows a card, and the card leads to the register.', 'ru': 'Имена подчёркнуты — по-разному для лиц, мест, географических объектов, организаций и событий; при наведении, фокусе или касании открывается карточка, из неё — переход к указателю.'},
    'about-reading-3': map{'en': 'Editorial notes are numbered per language and listed below the text.', 'ru': 'Примечания издателя пронумерованы отдельно для каждого языка и собраны под текстом.'},
    'about-files': map{'en': 'Files', 'ru': 'Файлы'},
    'about-encoding-link': map{'en': 'For TEI readers, how the documents are encoded:', 'ru': 'Для читателей TEI — как закодированы документы:'},
    'encoding-title': map{'en': 'How the documents are encoded', 'ru': 'Как закодированы документы'},
    'encoding-intro': map{'en': 'From the encoding description of the TEI files.', 'ru': 'Из описания кодирования в файлах TEI.'},
    'encoding-several': map{'en': 'The documents describe their encoding differently; each description is given.', 'ru': 'Документы описывают кодирование по-разному; приведено каждое описание.'},
    'from': map{'en': 'From', 'ru': 'От кого'},
    'to': map{'en': 'To', 'ru': 'Кому'},
    'languages': map{'en': 'Languages', 'ru': 'Языки'},
    'followed-by': map{'en': 'followed by', 'ru': 'далее'},
    'register-intro': map{'en': '{1} entries, each with its names, what the edition knows of it, and every place the documents name it.', 'ru': 'Статей: {1}; в каждой — имена, что известно изданию, и все места, где документы их называют.'},
    'register-intro-one': map{'en': '{1} entry, with its names, what the edition knows of it, and every place the documents name it.', 'ru': 'Статей: {1}; в ней — имена, что известно изданию, и все места, где документы их называют.'},
    'entries': map{'en': 'Entries', 'ru': 'Статьи'},
    'reg-kind': map{'en': 'Kind', 'ru': 'Вид'},
    'reg-names': map{'en': 'Names', 'ru': 'Имена'},
    'reg-dates': map{'en': 'Dates', 'ru': 'Даты'},
    'reg-offices': map{'en': 'Offices', 'ru': 'Должности'},
    'reg-source': map{'en': 'source:', 'ru': 'источник:'},
    'reg-description': map{'en': 'Description', 'ru': 'Описание'},
    'reg-coordinates': map{'en': 'Coordinates', 'ru': 'Координаты'},
    'reg-authorities': map{'en': 'Authority records', 'ru': 'Нормативные записи'},
    'reg-occurrences': map{'en': 'Occurrences', 'ru': 'Упоминания'},
    'occ-text': map{'en': '{1}, ¶ {2}', 'ru': '{1}, ¶ {2}'},
    'occ-note': map{'en': 'note {1} ({2})', 'ru': 'примечание {1} ({2})'},
    'occ-header': map{'en': 'document description', 'ru': 'описание документа'},
    'pseudonym': map{'en': 'pseudonym', 'ru': 'псевдоним'},
    'occ-none': map{'en': 'Only in the registry of the documents; not named in their text.', 'ru': 'Только в реестре документов; в их тексте не названо.'},
    'register-empty': map{'en': 'The documents of this edition name none.', 'ru': 'Документы издания никого и ничего из этого указателя не называют.'},
    'kind-person': map{'en': 'Person', 'ru': 'Лицо'},
    'kind-place': map{'en': 'Place', 'ru': 'Место'},
    'kind-geog': map{'en': 'Geographic feature', 'ru': 'Географический объект'},
    'kind-org': map{'en': 'Organisation', 'ru': 'Организация'},
    'kind-event': map{'en': 'Event', 'ru': 'Событие'},
    'kind-entry': map{'en': 'Entry', 'ru': 'Статья'},
    'kind-draft': map{'en': 'identified automatically, unconfirmed', 'ru': 'определено автоматически, не подтверждено'},
    'register-entry': map{'en': 'Register entry', 'ru': 'Статья указателя'},
    'counterpart-missing': map{'en': 'The counterpart of this unit is missing from the witness.',
                               'ru': 'Соответствие этого фрагмента в источнике утрачено.'}
    }"/>

  <!-- Language names in the Russian interface (adjectives, as in «русский»); other codes
       keep the name the document's header gives. -->
  <xsl:variable name="edn:ru-language-names" as="map(xs:string, xs:string)" select="map{
    'ru': 'русский', 'en': 'английский', 'zh': 'китайский', 'ko': 'корейский', 'ja': 'японский',
    'de': 'немецкий', 'fr': 'французский', 'uk': 'украинский', 'pl': 'польский', 'es': 'испанский',
    'it': 'итальянский', 'mn': 'монгольский', 'vi': 'вьетнамский', 'cs': 'чешский'}"/>

  <!-- The name of language $code in interface language $ui. -->
  <xsl:function name="edn:ui-language" as="xs:string">
    <xsl:param name="code" as="xs:string"/>
    <xsl:param name="ui" as="xs:string"/>
    <xsl:sequence select="if ($ui = 'ru') then ($edn:ru-language-names($code), edn:language-name($tei, $code))[1]
                          else edn:language-name($tei, $code)"/>
  </xsl:function>

  <!-- String $key in interface language $ui with its arguments filled in. -->
  <xsl:function name="edn:ui-text" as="xs:string">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="ui" as="xs:string"/>
    <xsl:param name="args" as="xs:string*"/>
    <xsl:variable name="entry" select="$edn:ui-strings($key)"/>
    <xsl:if test="empty($entry)">
      <xsl:message terminate="yes">i18n.xsl: no interface string "<xsl:value-of select="$key"/>"</xsl:message>
    </xsl:if>
    <xsl:variable name="text" select="($entry($ui), $entry('en'))[1]"/>
    <!-- Each "{" starts a piece; a piece that starts "N}" or "^N}" is a placeholder. Split
         and rejoined rather than xsl:analyze-string, which costs as much as the rest of a
         call (this function runs hundreds of times a page); most strings have no "{". -->
    <xsl:sequence select="if (not(contains($text, '{'))) then $text else
        let $values := $args ! (if (starts-with(., 'lang:')) then edn:ui-language(substring(., 6), $ui) else .),
            $pieces := tokenize($text, '\{')
        return string-join((head($pieces), for $piece in tail($pieces) return
            if (matches($piece, '^\^?[0-9]\}')) then
              let $caps := starts-with($piece, '^'),
                  $value := string($values[xs:integer(substring($piece, if ($caps) then 2 else 1, 1))])
              return (if ($caps) then upper-case(substring($value, 1, 1)) || substring($value, 2) else $value)
                     || substring-after($piece, '}')
            else '{' || $piece), '')"/>
  </xsl:function>

  <!-- String $key once per interface language, each in its own span. Mode "ui" applied
       to the key writes the spans straight into the page, where the function edn:ui first
       builds them as a tree of its own and then copies them (a third more per call, on a
       few hundred calls a page); the function is for keys chosen in an expression. -->
  <xsl:mode name="ui" on-no-match="fail"/>
  <xsl:template match=".[. instance of xs:string]" mode="ui">
    <xsl:param name="args" as="xs:string*" select="()"/>
    <xsl:variable name="key" select="."/>
    <xsl:call-template name="ui-spans">
      <xsl:with-param name="texts" select="$ui-langs ! edn:ui-text($key, ., $args)"/>
    </xsl:call-template>
  </xsl:template>

  <!-- The spans of one interface string, given its text in each of $ui-langs (in order). -->
  <xsl:template name="ui-spans">
    <xsl:param name="texts" as="xs:string*"/>
    <xsl:for-each select="$ui-langs">
      <xsl:variable name="i" select="position()"/>
      <span class="ui ui-{.}" lang="{.}"><xsl:value-of select="$texts[$i]"/></span>
    </xsl:for-each>
  </xsl:template>
  <xsl:function name="edn:ui" as="element()*">
    <xsl:param name="key" as="xs:string"/>
    <xsl:sequence select="edn:ui($key, ())"/>
  </xsl:function>
  <xsl:function name="edn:ui" as="element()*">
    <xsl:param name="key" as="xs:string"/>
    <xsl:param name="args" as="xs:string*"/>
    <xsl:apply-templates select="$key" mode="ui">
      <xsl:with-param name="args" select="$args"/>
    </xsl:apply-templates>
  </xsl:function>

  <!-- Every interface string in every interface language, as written here (placeholders
       unfilled), and the language names of the Russian interface, as JSON
       {"strings": {key: {lang: text}}, "languages": {"ru": {code: name}}}, for the jinja
       pages (edition/html.py fills the placeholders the same way). -->
  <xsl:template name="ui-strings" as="xs:string" xmlns:map="http://www.w3.org/2005/xpath-functions/map">
    <xsl:variable name="json">
      <fn:map>
        <fn:map key="strings">
          <xsl:for-each select="sort(map:keys($edn:ui-strings))">
            <xsl:variable name="entry" select="$edn:ui-strings(.)"/>
            <fn:map key="{.}">
              <xsl:for-each select="$ui-langs">
                <fn:string key="{.}"><xsl:value-of select="($entry(.), $entry('en'))[1]"/></fn:string>
              </xsl:for-each>
            </fn:map>
          </xsl:for-each>
        </fn:map>
        <fn:map key="languages">
          <fn:map key="ru">
            <xsl:for-each select="sort(map:keys($edn:ru-language-names))">
              <fn:string key="{.}"><xsl:value-of select="$edn:ru-language-names(.)"/></fn:string>
            </xsl:for-each>
          </fn:map>
        </fn:map>
      </fn:map>
    </xsl:variable>
    <xsl:sequence select="xml-to-json($json)"/>
  </xsl:template>

</xsl:stylesheet>
