"""Reading the model as a reader would: the one walk over blocks, plain text and word counts, printed
passages and sentences, reading ease. Pure: no I/O, no output libraries.
"""
