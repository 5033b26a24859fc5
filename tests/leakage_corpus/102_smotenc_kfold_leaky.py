# expect: TFL102
import numpy as np
import pandas as pd
from imblearn.over_sampling import SMOTENC
from sklearn.model_selection import KFold
from sklearn.ensemble import RandomForestClassifier

df = pd.read_csv("bank.csv")
X = df.drop(columns="y").to_numpy()
y = df["y"].to_numpy()
X, y = SMOTENC(categorical_features=[1, 2, 3]).fit_resample(X, y)
accs = []
for tr, te in KFold(n_splits=5, shuffle=True).split(X):
    m = RandomForestClassifier().fit(X[tr], y[tr])
    accs.append(m.score(X[te], y[te]))
print(np.mean(accs))
