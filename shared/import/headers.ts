// The column names CRM exports use for contact fields, after normaliseHeader (lower case, punctuation →
// space). Exact matches only: HubSpot alone has "Email Domain", "Email Confirmed", "Fax Number",
// "Company size", "Last marketing email name"… which a substring match would take for contact fields.
// Within a field, earlier names win when a file has several (HubSpot "Company Name" before "Associated Company").

export const FIELDS = [
  'fullName',
  'firstName',
  'lastName',
  'company',
  'title',
  'email',
  'phone',
  'mobile',
  'website',
  'notes',
  'sourceUrl',
  'country',
] as const;
export type Field = (typeof FIELDS)[number];

// One string per field, names separated by '|', so the vocabulary reads as a table.
const NAMES: Record<Field, string> = {
  fullName:
    'full name|fullname|name|contact name|lead name|person name|contact|person|ansprechpartner|' +
    'kontakt|kontaktperson|nom complet|nombre completo|姓名|联系人|氏名',
  firstName: 'first name|firstname|given name|forename|vorname|prénom|prenom|nombre|名',
  lastName:
    'last name|lastname|surname|family name|nachname|familienname|nom de famille|nom|apellido|' +
    'apellidos|姓',
  company:
    'company name|company|account name|account|organization name|organization|organisation|' +
    'organisation name|associated company|firma|firmenname|unternehmen|société|societe|entreprise|' +
    'empresa|compañía|compania|公司|公司名称|单位|会社名',
  title:
    'job title|title|jobtitle|position|job position|funktion|berufsbezeichnung|poste|fonction|titre|' +
    'cargo|puesto|职位|职务|役職',
  email:
    'email|e mail|email address|e mail address|mail|work email|business email|primary email|' +
    'secondary email|other email|private e mail address|personal email|e mail adresse|emailadresse|' +
    'courriel|adresse e mail|correo|correo electrónico|correo electronico|邮箱|电子邮件|电子邮箱|邮件|メール|' +
    'メールアドレス',
  phone:
    'phone|phone number|telephone|telephone number|tel|business phone|work phone|office phone|' +
    'direct phone|main phone|home phone|other phone|whatsapp phone number|telefon|telefonnummer|' +
    'rufnummer|téléphone|teléfono|telefono|电话|座机|电话号码|電話|電話番号',
  mobile:
    'mobile|mobile phone|mobile phone number|mobilephone|mobile number|cell|cell phone|cellphone|' +
    'handy|mobil|mobilnummer|mobiltelefon|portable|téléphone portable|móvil|movil|celular|手机|手机号|' +
    '手机号码|移动电话|携帯|携帯電話',
  website:
    'website|website url|web site|web|url|homepage|home page|company website|webseite|internetseite|' +
    'site web|site internet|sitio web|página web|pagina web|网站|网址|主页|ホームページ',
  notes:
    'notes|note|description|message|comments|comment|remarks|bemerkung|bemerkungen|notiz|notizen|' +
    'beschreibung|kommentar|commentaire|commentaires|remarques|notas|comentarios|descripción|' +
    'descripcion|备注|描述|备忘|備考',
  sourceUrl:
    'source url|lead url|record url|crm url|linkedin|linkedin url|linkedin profile|' +
    'linkedin profile url|profile url',
  country:
    'country|country region|mailing country|billing country|land|pays|país|pais|国家|国家 地区|国家地区|国',
};

export function synonyms(field: Field): string[] {
  return NAMES[field].split('|');
}

/** Lower case, NFKC (full-width → ASCII), punctuation and underscores → one space. "E-Mail_Adresse" → "e mail adresse". */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .toLowerCase()
    .replace(/[\s_\-./()\\:*#]+/gu, ' ')
    .trim();
}

/** normalised name → [field, rank within the field]. */
export const LOOKUP: ReadonlyMap<string, readonly [Field, number]> = new Map(
  FIELDS.flatMap((f) =>
    synonyms(f).map((name, rank) => [normaliseHeader(name), [f, rank] as const] as const),
  ),
);
