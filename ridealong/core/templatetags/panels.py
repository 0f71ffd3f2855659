"""`{% panel panel %}`: render a registered panel (core.panels) inside its page."""

from django import template
from django.template.context import Context
from django.utils.safestring import SafeString

from ridealong.core.panels import RenderedPanel

register = template.Library()


@register.simple_tag(takes_context=True)
def panel(context: Context, panel: RenderedPanel) -> SafeString:
    """Like {% include %}, with the panel's own context added to the page's for its template."""
    assert context.template is not None  # set while a template renders
    panel_template = context.template.engine.get_template(panel.template_name)
    with context.push(panel.context):
        return panel_template.render(context)
