package io.acmegate.gateway.status.dashboard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks of the status dashboard as a browser renders it, for any server that serves it: they take the base
 * URL of the admin listener (where {@code /dashboard} and {@code /status} live) and the status token, so the
 * same checks run against {@link DashboardFixtureServer} and against a real gateway.
 */
public final class DashboardChecks {

    /** The badge colours the page promises (its CSS custom properties {@code --state-*}), as RGB. */
    public static final Map<String, Integer> STATE_COLOURS = Map.of(
            "ok", 0x2e7d32,
            "renewal-due", 0xf9a825,
            "overdue", 0xef6c00,
            "expired", 0xc62828,
            "failing", 0x6a1b9a,
            "revoked", 0x455a64);

    /** A badge is some hundreds of pixels; anti-aliased text edges are a handful. */
    public static final int BADGE_PIXEL_THRESHOLD = 50;
    /** Per channel; absorbs PNG and colour-management rounding without reaching a neighbouring colour. */
    public static final int COLOUR_TOLERANCE = 6;

    private static final Pattern VISIBLE_TOKEN_FORM = Pattern.compile("<form id=\"token-form\"(?![^>]*\\bhidden)[^>]*>");
    private static final Pattern HIDDEN_APP = Pattern.compile("<main id=\"app\"[^>]*\\bhidden");

    private DashboardChecks() {
    }

    /**
     * The dashboard's address with the token in the fragment, where the page takes it from (a fragment never
     * reaches the server or its logs).
     *
     * @param query the dashboard's own query ({@code state=overdue}, {@code client-view=ID}), or empty
     */
    public static URI dashboardUri(URI base, String query, String token) {
        String page = query.isEmpty() ? "dashboard" : "dashboard?" + query;
        return base.resolve(page + "#token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** The DOM after the page loaded its data with this token. */
    public static String renderedDom(HeadlessChromium chromium, URI base, String query, String token)
            throws Exception {
        return chromium.dumpDom(dashboardUri(base, query, token));
    }

    /** Each name is in the table and each state has a badge. */
    public static void assertShowsLineages(String dom, Collection<String> names, Collection<String> states) {
        assertFalse(VISIBLE_TOKEN_FORM.matcher(dom).find(), () -> "the token form is showing:\n" + dom);
        for (String name : names) {
            assertTrue(dom.contains("<div>" + name + "</div>"), () -> "no lineage name " + name + " in:\n" + dom);
        }
        for (String state : states) {
            String badge = "<span class=\"badge state-" + state + "\">" + state + "</span>";
            assertTrue(dom.contains(badge), () -> "no badge " + badge + " in:\n" + dom);
        }
    }

    /** The token form shows with "token refused", and the table does not. */
    public static void assertShowsTokenRefused(String dom) {
        assertTrue(VISIBLE_TOKEN_FORM.matcher(dom).find(), () -> "no visible token form in:\n" + dom);
        assertTrue(dom.contains("token refused"), () -> "no \"token refused\" in:\n" + dom);
        assertTrue(HIDDEN_APP.matcher(dom).find(), () -> "the lineage view is not hidden:\n" + dom);
    }

    /** At least {@link #BADGE_PIXEL_THRESHOLD} pixels of the state's badge colour are on screen. */
    public static void assertColourShown(BufferedImage screenshot, String state) {
        int pixels = countPixelsNear(screenshot, STATE_COLOURS.get(state), COLOUR_TOLERANCE);
        assertTrue(pixels > BADGE_PIXEL_THRESHOLD,
                () -> "only " + pixels + " pixels of the " + state + " colour on screen");
    }

    /** Fewer than {@link #BADGE_PIXEL_THRESHOLD} pixels of the state's badge colour are on screen. */
    public static void assertColourNotShown(BufferedImage screenshot, String state) {
        int pixels = countPixelsNear(screenshot, STATE_COLOURS.get(state), COLOUR_TOLERANCE);
        assertTrue(pixels < BADGE_PIXEL_THRESHOLD,
                () -> pixels + " pixels of the " + state + " colour on screen, with no " + state + " lineage");
    }

    /** Pixels whose red, green and blue are each within {@code tolerance} of {@code rgb}'s. */
    public static int countPixelsNear(BufferedImage image, int rgb, int tolerance) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int pixel = image.getRGB(x, y);
                if (near(pixel >> 16, rgb >> 16, tolerance)
                        && near(pixel >> 8, rgb >> 8, tolerance)
                        && near(pixel, rgb, tolerance)) {
                    count++;
                }
            }
        }
        return count;
    }

    private static boolean near(int channel, int expected, int tolerance) {
        return Math.abs((channel & 0xff) - (expected & 0xff)) <= tolerance;
    }
}
