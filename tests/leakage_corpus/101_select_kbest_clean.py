# expect: clean
import numpy as np
from sklearn.feature_selection import SelectKBest, f_classif
from sklearn.model_selection import train_test_split
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

X = np.random.randn(200, 5000)
y = np.random.randint(0, 2, 200)
X_train, X_test, y_train, y_test = train_test_split(X, y)
pipe = Pipeline([("select", SelectKBest(f_classif, k=20)), ("clf", LogisticRegression())])
pipe.fit(X_train, y_train)
print(pipe.score(X_test, y_test))
