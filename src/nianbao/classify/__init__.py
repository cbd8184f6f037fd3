"""Header classifier: printed row/column labels of the report tables to the keys of
``nianbao.template.label_spaces()``.

Importing this package is cheap; scikit-learn is imported when a model is loaded or trained.
"""

from nianbao.classify.classifier import HeaderClassifier
from nianbao.classify.query import NONE_CLASS, LabelQuery, Prediction

__all__ = ["NONE_CLASS", "HeaderClassifier", "LabelQuery", "Prediction"]
