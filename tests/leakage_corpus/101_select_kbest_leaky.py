# expect: TFL101
import numpy as np
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression

X = np.random.randn(200, 5000)
y = np.random.randint(0, 2, 200)
X_sel = SelectKBest(f_classif, k=20).fit_transform(X, y)
X_train, X_test, y_train, y_test = train_test_split(X_sel, y)
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
