package io.berth.sim.report;

import java.util.List;

/** Small HTML helpers: escaping, tables from {@link TextTable}, images. */
final class Html {
    private Html() {
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    static void table(StringBuilder sb, TextTable t) {
        sb.append("<table>\n<thead><tr>");
        for (String h : t.header()) {
            sb.append("<th>").append(esc(h)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : t.rows()) {
            sb.append("<tr>");
            for (String cell : row) {
                sb.append("<td>").append(esc(cell)).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    /** A chart image, or a short note when there was nothing to draw. */
    static void chart(StringBuilder sb, String dataUri, String alt) {
        if (dataUri == null) {
            sb.append("<p class=\"note\">").append(esc(alt)).append(": nothing to draw.</p>\n");
        } else {
            sb.append("<img src=\"").append(dataUri).append("\" alt=\"").append(esc(alt)).append("\" width=\"")
                    .append(Charts.WIDTH).append("\" height=\"").append(Charts.HEIGHT).append("\">\n");
        }
    }

    static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:2em auto;\
            max-width:1100px;padding:0 1em;color:#222}
            h1{font-size:1.6em}h2{border-bottom:1px solid #ccc;padding-bottom:.2em;margin-top:2em}h3{margin-top:1.5em}
            table{border-collapse:collapse;margin:.5em 0;font-size:.9em}
            th,td{border:1px solid #ddd;padding:.25em .6em}th{background:#f3f3f3}
            td:not(:first-child),th:not(:first-child){text-align:right}
            tbody tr:nth-child(even){background:#fafafa}
            img{max-width:100%;height:auto;display:block;margin:.5em 0}
            .note{color:#777;font-style:italic}
            ul.headline li{margin:.2em 0}
            nav a{margin-right:1em}
            """;
}
