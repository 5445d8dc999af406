"""From the validated sources and the template to the document tree every writer prints (`outline`),
with what the template adds to the print (`printed`) and the labels it numbers with (`labels`).
"""
