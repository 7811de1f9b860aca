namespace Personalization.Cli.Reporting;

internal static class ReportStyle
{
    public const string Css = """
        body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;background:#fafafa}
        h1{font-size:22px}h2{font-size:18px;margin-top:28px}
        table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 6px;text-align:right}
        th{background:#f0f0f0}td.name,th.name{text-align:left}
        .figures td{text-align:left}
        .items{display:grid;grid-template-columns:repeat(auto-fill,minmax(460px,1fr));gap:14px}
        .item{background:#fff;border:1px solid #ddd;border-left:6px solid #3a3;border-radius:4px;padding:10px}
        .item.wrong{border-left-color:#d33}.item.error{border-left-color:#a0a}.item.none{border-left-color:#999}
        .item h3{font-size:14px;margin:0 0 6px;word-break:break-all}
        svg.photo{width:100%;height:auto;background:#eee;display:block}
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
        """;
}
