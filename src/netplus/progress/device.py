"""The device a learning session runs on, from its User-Agent header.

The rule, first match wins (case-insensitive):
1. no User-Agent: unknown (NULL);
2. tablet: "ipad", "tablet", "kindle", "silk/", "playbook", or "android" without "mobile"
   (Android phones say "Mobile"; Android tablets do not);
3. mobile: "mobi" (covers "Mobile" and "IEMobile"), "iphone", "ipod", "windows phone", "blackberry",
   "opera mini";
4. anything else: desktop.
Tablets are tested first because iPad browsers also say "Mobile". An iPad asking for the desktop
site sends a Macintosh User-Agent and is counted as desktop: nothing in the header tells them apart.
"""

TABLET_MARKERS = ("ipad", "tablet", "kindle", "silk/", "playbook")
MOBILE_MARKERS = ("mobi", "iphone", "ipod", "windows phone", "blackberry", "opera mini")


def device_type(user_agent: str | None) -> str | None:
    ua = (user_agent or "").strip().lower()
    if not ua:
        return None
    if any(m in ua for m in TABLET_MARKERS) or ("android" in ua and "mobile" not in ua):
        return "tablet"
    if any(m in ua for m in MOBILE_MARKERS):
        return "mobile"
    return "desktop"
