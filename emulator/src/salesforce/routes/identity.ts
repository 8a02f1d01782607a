/**
 * Who the session is: the Identity URL that the token response hands out as `id`
 * (`/id/{orgId}/{userId}`), and OpenID Connect's `/services/oauth2/userinfo`. Both answer from
 * the integration user's record and the org's; neither counts against the API limit.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_using_openid.htm (the Identity URL)
 */
import type { SfRecord } from '../store';

export interface Who {
  baseUrl: string;
  apiVersion: string;
  orgId: string;
  user: SfRecord;
  timeZone: string;
}

/** The endpoints a client finds its way by, as the Identity URL lists them. */
function urls(w: Who) {
  const data = `${w.baseUrl}/services/data/v{version}`;
  return {
    enterprise: `${w.baseUrl}/services/Soap/c/{version}/${w.orgId.slice(0, 15)}`,
    metadata: `${w.baseUrl}/services/Soap/m/{version}/${w.orgId.slice(0, 15)}`,
    partner: `${w.baseUrl}/services/Soap/u/{version}/${w.orgId.slice(0, 15)}`,
    rest: `${data}/`,
    sobjects: `${data}/sobjects/`,
    search: `${data}/search/`,
    query: `${data}/query/`,
    recent: `${data}/recent/`,
    profile: `${w.baseUrl}/${String(w.user.Id)}`,
    custom_domain: w.baseUrl,
  };
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** What both answers say alike: the endpoints, and the user's state and locale. */
function session(w: Who) {
  return {
    urls: urls(w),
    active: w.user.IsActive === true,
    user_type: 'STANDARD',
    language: str(w.user.LanguageLocaleKey) ?? 'en_US',
    locale: str(w.user.LocaleSidKey) ?? 'en_US',
    utcOffset: -28_800_000,
    is_app_installed: true,
  };
}

/** `GET /id/{orgId}/{userId}`. */
export function identity(w: Who) {
  const u = w.user;
  return {
    id: `${w.baseUrl}/id/${w.orgId}/${String(u.Id)}`,
    asserted_user: true,
    user_id: String(u.Id),
    organization_id: w.orgId,
    username: str(u.Username),
    nick_name: str(u.Alias),
    display_name: str(u.Name),
    email: str(u.Email),
    email_verified: true,
    first_name: str(u.FirstName),
    last_name: str(u.LastName),
    timezone: w.timeZone,
    photos: { picture: `${w.baseUrl}/profilephoto/005/F`, thumbnail: `${w.baseUrl}/profilephoto/005/T` },
    addr_street: null,
    addr_city: null,
    addr_state: null,
    addr_country: null,
    addr_zip: null,
    mobile_phone: null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    ...session(w),
    last_modified_date: str(u.LastModifiedDate),
  };
}

/** `GET /services/oauth2/userinfo`: the same facts under OpenID Connect's names. */
export function userinfo(w: Who) {
  const u = w.user;
  return {
    sub: `${w.baseUrl}/id/${w.orgId}/${String(u.Id)}`,
    user_id: String(u.Id),
    organization_id: w.orgId,
    preferred_username: str(u.Username),
    nickname: str(u.Alias),
    name: str(u.Name),
    email: str(u.Email),
    email_verified: true,
    given_name: str(u.FirstName),
    family_name: str(u.LastName),
    zoneinfo: w.timeZone,
    photos: { picture: `${w.baseUrl}/profilephoto/005/F`, thumbnail: `${w.baseUrl}/profilephoto/005/T` },
    profile: `${w.baseUrl}/${String(u.Id)}`,
    picture: `${w.baseUrl}/profilephoto/005/F`,
    address: {},
    is_salesforce_integration_user: false,
    ...session(w),
    updated_at: str(u.LastModifiedDate),
  };
}
