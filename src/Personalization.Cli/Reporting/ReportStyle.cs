namespace Personalization.Cli.Reporting;

internal static class ReportStyle
{
    public const string Css = """
        body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fafafa}
        h1{font-size:22px}h2{font-size:18px;margin-top:28px}
        table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 6px;text-align:right}
        th{background:#f0f0f0}td.name,th.name{text-align:left}
        .figures td{text-align:left}
        .items{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:14px}
        .item{background:#fff;border:1px solid #ddd;border-left:6px solid #3a3;border-radius:4px;padding:10px;content-visibility:auto;contain-intrinsic-size:auto 420px;scroll-margin-top:8px}
        .item.weak{border-left-color:#e8a000;background:#fffaf0}
        .item.wrong{border-left-color:#d33}.item.error{border-left-color:#a0a}.item.none{border-left-color:#999}
        .item:target{outline:3px solid #36c}
        .item h3{font-size:14px;margin:0 0 6px;word-break:break-all}
        .photo{position:relative;width:100%;background:#eee}
        .photo img{display:block;width:100%;height:auto}
        .photo svg{position:absolute;inset:0;width:100%;height:100%}
        svg .det rect{fill:none;stroke:#bbb;stroke-width:2;vector-effect:non-scaling-stroke}
        svg .det text{fill:#fff;font-size:12px;paint-order:stroke;stroke:#000;stroke-width:3px}
        svg .hit rect{fill:none;stroke:#f80;stroke-width:4;vector-effect:non-scaling-stroke}
        svg .hit text{fill:#fff;font-weight:bold;paint-order:stroke;stroke:#c50;stroke-width:4px}
        .verdict{font-size:15px;margin:6px 0}.verdict b{color:#063}.item.wrong .verdict b{color:#b00}
        .scroll{overflow-x:auto}.trail{font-size:11px;width:100%}.trail tr.chosen td{background:#fff4e0}
        .decision{font-size:12px;color:#555}.caption{font-style:italic}
        .error-text{color:#a0a}
        .matrix td{min-width:14px;font-size:11px;padding:1px 3px}.matrix th{font-size:10px;padding:1px 2px}
        .matrix th.col{writing-mode:vertical-rl;transform:rotate(180deg)}
        .legend,footer{color:#777;font-size:12px}
        .badge.weak{background:#e8a000;color:#fff;border-radius:3px;padding:0 5px;font-size:12px;font-weight:bold}
        .item.weak .verdict b{color:#a06000}.item.weak svg .hit rect{stroke:#e8a000}.item.weak svg .hit text{stroke:#a06000}
        details.trail-box summary{cursor:pointer;font-size:12px;color:#555}
        table.index td.links{font-size:12px;max-width:640px}
        .links a{text-decoration:none;padding:0 2px;border-radius:2px;color:#063}
        .links a.wrong{color:#b00;font-weight:bold}.links a.error{color:#a0a;font-weight:bold}.links a.none{color:#777}.links a.weak{background:#ffe3a0;color:#704000}
        .chart-row{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}
        figure.chart{margin:0;background:#fff;border:1px solid #ddd;border-radius:4px;padding:6px}
        figure.chart figcaption{font-size:12px;color:#555}
        .histogram .bar.correct{fill:#3a3}.histogram .bar.wrong{fill:#d33}.histogram .bar.answered{fill:#58a}
        .histogram .axis,.f1-bars .axis{stroke:#999}
        .histogram .tick,.f1-bars .tick{font-size:10px;fill:#666}
        .histogram .threshold line{stroke:#222;stroke-width:1.5;stroke-dasharray:4 3}.histogram .threshold text{font-size:10px;fill:#222}
        .f1-bars text{font-size:11px;fill:#333}.f1-bars .high rect{fill:#3a3}.f1-bars .mid rect{fill:#e8a000}.f1-bars .low rect{fill:#d33}
        .key{display:inline-block;padding:0 6px;border-left:10px solid;font-size:12px}
        .key.ok{border-color:#3a3}.key.weak{border-color:#e8a000}.key.wrong{border-color:#d33}.key.none{border-color:#999}.key.error{border-color:#a0a}.key.answered{border-color:#58a}
        .trail-legend{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;font-size:13px;margin:6px 0}
        .trail-legend dt{font-weight:bold}.trail-legend dd{margin:0}
        input.filter{position:absolute;opacity:0;pointer-events:none}
        nav.filters{position:sticky;top:0;z-index:1;background:#fafafa;padding:6px 0;border-bottom:1px solid #ddd;margin-bottom:10px}
        .filter-group{margin:2px 0}.filter-name{font-weight:bold;font-size:12px}
        nav.filters label{display:inline-block;cursor:pointer;border:1px solid #bbb;border-radius:3px;padding:0 5px;margin:1px;font-size:12px;background:#fff}
        """;
}
